import { expect, test } from './fixtures';

test.describe('parts of the page that load after the first paint', () => {
  test('a view whose code cannot be fetched says so in its place, the rest of the page keeps working, and opening it again loads it', async ({ page, images }) => {
    // The web host goes away, or the network drops, just while the page fetches a view's code.
    const failing = /\/assets\/(ContainersPage|DialogHost)-[^/]*\.js$/;
    await page.route(failing, (route) => route.abort('connectionfailed'));
    await page.reload();
    await images.waitForList();

    await page.getByTestId('view-containers').click();
    await expect(page.getByTestId('part-not-loaded')).toBeVisible();
    await expect(page.getByTestId('part-not-loaded')).toContainText('could not be fetched');
    // Not a blank page: the header and its other views still work.
    await page.getByTestId('view-images').click();
    await expect(images.rows.first()).toBeVisible();

    await page.unroute(failing);
    await page.getByTestId('view-containers').click();
    await expect(page.getByTestId('part-not-loaded')).toBeHidden();
    await expect(page.getByTestId('containers-page')).toBeVisible();
  });

  test('a view whose code is slow to come shows a spinner in its place until it is there', async ({ page, images }) => {
    await page.route(/\/assets\/DiskPage-[^/]*\.js$/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.reload();
    await images.waitForList();
    await page.getByTestId('view-disk').click();
    await expect(page.getByTestId('part-loading')).toBeVisible();
    await expect(page.getByTestId('part-loading')).toBeHidden({ timeout: 10_000 });
    await expect(page.getByTestId('part-not-loaded')).toHaveCount(0);
  });
});
