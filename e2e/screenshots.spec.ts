import path from 'node:path';
import { FIXTURES } from '../scripts/test-env/fixture-names.mjs';
import { expect, test } from './fixtures';
import { REPO } from './support/env';

/**
 * Pictures for the README and docs, not a check: run with
 *   STEVEDORE_SCREENSHOTS=1 npx playwright test --project screens
 */
const OUT = path.join(REPO, 'docs', 'screenshots');
const LANGUAGES = [
  { value: 'en', file: 'en' },
  { value: 'zh-CN', file: 'zh' },
] as const;
const THEMES = ['light', 'dark'] as const;

test.describe('screenshots', { tag: '@screens' }, () => {
  for (const language of LANGUAGES) {
    for (const theme of THEMES) {
      test(`images and details in ${language.value}, ${theme}`, async ({ images, details, page }) => {
        await images.waitForList();
        await images.setLanguage(language.value);
        await images.setTheme(theme);
        await expect(images.rowFor(FIXTURES.layered)).toBeVisible();
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        await page.screenshot({ path: path.join(OUT, `images-${language.file}-${theme}.png`) });

        await images.openDetails(images.rowFor(FIXTURES.layered));
        await details.showTab('layers');
        await expect(details.layerRows.first()).toBeVisible();
        await page.screenshot({ path: path.join(OUT, `details-${language.file}-${theme}.png`) });
      });
    }
  }
});
