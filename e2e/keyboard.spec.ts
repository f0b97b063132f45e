import { expect, test } from './fixtures';

test.describe('keyboard', () => {
  test('/ jumps from the list to the filter', async ({ images, page }) => {
    await images.waitForList();
    await images.rows.first().click();
    await expect(images.filter).not.toBeFocused();
    await page.keyboard.press('/');
    await expect(images.filter).toBeFocused();
    // The slash itself is not typed into the box.
    await expect(images.filter).toHaveValue('');
  });

  test('arrows move the cursor, Enter opens the details, Esc closes them', async ({ images, details, page }) => {
    await images.waitForList();
    const first = images.rows.nth(0);
    const second = images.rows.nth(1);
    await first.click();
    await expect(first).toHaveAttribute('data-focused', 'true');
    await expect(images.focusedRow).toHaveCount(1);

    await page.keyboard.press('ArrowDown');
    await expect(second).toHaveAttribute('data-focused', 'true');
    await expect(first).not.toHaveAttribute('data-focused', 'true');
    await expect(second).toHaveAttribute('data-selected', 'true');

    await page.keyboard.press('ArrowUp');
    await expect(first).toHaveAttribute('data-focused', 'true');
    await page.keyboard.press('ArrowDown');
    await expect(second).toHaveAttribute('data-focused', 'true');

    const repository = (await second.getAttribute('data-repository')) ?? '';
    const tag = (await second.getAttribute('data-tag')) ?? '';
    await page.keyboard.press('Enter');
    await expect(details.root).toBeVisible();
    if (tag !== '<none>') await expect(details.overviewTags).toContainText(`${repository}:${tag}`);

    await page.keyboard.press('Escape');
    await expect(details.root).toBeHidden();
  });
});
