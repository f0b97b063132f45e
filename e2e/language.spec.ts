import { expect, test } from './fixtures';

const CJK = /[\u4e00-\u9fff]/;

test.describe('language', () => {
  test('switching to 简体中文 turns the interface Chinese, and back to English', async ({ images }) => {
    await images.waitForList();
    await expect(images.languageSelect).toHaveValue('en');
    await expect(images.filter).toHaveAttribute('placeholder', /^Name, tag/);
    await expect(images.columnHeader('repository')).toContainText('Repository');

    await images.setLanguage('zh-CN');
    await expect(images.filter).toHaveAttribute('placeholder', CJK);
    await expect(images.columnHeader('repository')).toContainText(CJK);
    await expect(images.page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    // Data stays as the engine reports it.
    await expect(images.rows.first()).toBeVisible();

    await images.setLanguage('en');
    await expect(images.filter).toHaveAttribute('placeholder', /^Name, tag/);
    await expect(images.columnHeader('repository')).not.toContainText(CJK);
    await expect(images.page.locator('html')).toHaveAttribute('lang', 'en');
  });
});
