import { FIXTURES } from '../scripts/test-env/fixture-names.mjs';
import { expect, test } from './fixtures';
import { docker, importUntaggedImage, randomName } from './support/docker-cli';

test.describe('live updates from the engine', () => {
  const tag = `e2e-${randomName()}`;
  const reference = `e2e/live:${tag}`;

  test.afterEach(() => {
    docker(['rmi', reference], { allowFail: true });
  });

  test('a tag made with the docker CLI appears, and disappears when removed, without a reload', { tag: '@smoke' }, async ({ images, page }) => {
    await images.waitForList();
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url());
    });
    const row = images.row('e2e/live', tag);
    await expect(row).toHaveCount(0);

    docker(['tag', FIXTURES.base, reference]);
    await expect(row).toBeVisible({ timeout: 5_000 });
    await expect(row).toHaveAttribute('data-image-id', docker(['image', 'inspect', '-f', '{{.Id}}', FIXTURES.base]));

    docker(['rmi', reference]);
    await expect(row).toHaveCount(0, { timeout: 5_000 });
    expect(navigations, 'the page was not reloaded').toEqual([]);
  });

  test('rows in view keep their place when images arrive above them', async ({ images, page }) => {
    // A short window, so the fixtures' dozen rows scroll.
    await page.setViewportSize({ width: 1280, height: 420 });
    await images.waitForList();
    const before = Number(await images.count.getAttribute('data-rows'));
    await images.table.evaluate((el) => (el.scrollTop = el.scrollHeight));
    // The table draws only the rows near the view, and redraws after the scroll event: wait for the
    // list's last row, then follow it by its key (`rows.last()` is looked up anew on every use, and
    // read before the redraw it named another row than the one measured).
    const lastRow = images.rows.and(page.locator(`[aria-rowindex="${before + 1}"]`));
    await expect(lastRow).toBeVisible();
    const key = await lastRow.getAttribute('data-row-key');
    const row = page.locator(`[data-row-key="${key}"]`);
    const yBefore = (await row.boundingBox())!.y;
    const added: string[] = [];
    try {
      // Imported now, so they are the newest and sort to the top, above everything in view.
      added.push(importUntaggedImage(), importUntaggedImage());
      await expect(images.count).toHaveAttribute('data-rows', String(before + 2), { timeout: 5_000 });
      await expect(row).toBeVisible();
      expect(Math.abs((await row.boundingBox())!.y - yBefore), 'the row stayed where it was').toBeLessThanOrEqual(2);
    } finally {
      if (added.length > 0) docker(['rmi', ...added], { allowFail: true });
    }
  });
});
