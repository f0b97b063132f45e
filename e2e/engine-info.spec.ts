import path from 'node:path';
import { expect, test } from './fixtures';
import { REPO } from './support/env';

test.describe('what engine this is', () => {
  test('the header names the image store, and the engine dialog says what that store changes, in both languages', { tag: '@smoke' }, async ({ images, page, e2eEnv }) => {
    await images.waitForList();
    const store = e2eEnv.engineName;
    await expect(images.engineStatus).toHaveAttribute('data-store', store);
    await expect(images.engineStatus).toContainText(store === 'containerd' ? 'containerd store' : 'legacy store');
    await expect(images.engineStatus).toContainText(store === 'containerd' ? 'Docker 26.1' : 'Docker 20.10');

    await images.engineStatus.click();
    const dialog = page.getByTestId('engine-info-dialog');
    await expect(dialog.getByTestId('engine-info-store')).toHaveAttribute('data-store', store);
    await expect(dialog.getByTestId('engine-info-api')).toContainText(store === 'containerd' ? '1.45' : '1.41');
    await expect(dialog.getByTestId('engine-info-host')).toContainText(e2eEnv.dockerHost);
    const facts = dialog.getByTestId('engine-info-store-facts').locator('li');
    await expect(facts).toHaveCount(6);
    await expect(facts.first()).toContainText(store === 'containerd' ? 'digest of its manifest' : 'digest of its config');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    await images.setLanguage('zh-CN');
    await expect(images.engineStatus).toContainText(store === 'containerd' ? 'containerd 存储' : '传统存储');
    await images.engineStatus.click();
    await expect(dialog.getByTestId('engine-info-store')).toContainText(store === 'containerd' ? 'containerd 镜像存储' : '传统 graph driver 存储');
  });
});

/** Pictures for the docs: the engine dialog naming the store, English/light and Chinese/dark. */
test.describe('engine screenshots', { tag: '@screens' }, () => {
  for (const { language, file, theme } of [
    { language: 'en', file: 'en', theme: 'light' },
    { language: 'zh-CN', file: 'zh', theme: 'dark' },
  ] as const) {
    test(`engine facts in ${language}, ${theme}`, async ({ images, page }) => {
      await images.waitForList();
      await images.setLanguage(language);
      await images.setTheme(theme);
      await images.engineStatus.click();
      await expect(page.getByTestId('engine-info-store-facts')).toBeVisible();
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      await page.screenshot({ path: path.join(REPO, 'docs', 'screenshots', `engine-${file}-${theme}.png`) });
    });
  }
});
