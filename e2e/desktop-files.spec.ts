import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURES } from '../scripts/test-env/fixture-names.mjs';
import { electronAppOf, expect, test } from './fixtures';

/**
 * The desktop app's own file wiring: Save and Load go through the native dialogs (stubbed in the main
 * process, as no one can click an OS dialog in a test) and read and write paths directly, without the
 * web host's uploads. Electron project only; one skip line when no binary exists.
 */
test.describe('files in the desktop app', () => {
  test('saves through the native Save dialog and loads through the native Open dialog', async ({ page, images }) => {
    const app = electronAppOf.get(page)!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-e2e-desktop-files-'));
    const target = path.join(dir, 'from-dialog.tar');
    try {
      await app.evaluate(({ dialog }, filePath) => {
        dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
        dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [filePath] })) as typeof dialog.showOpenDialog;
      }, target);
      await images.waitForList();
      await images.rowFor(FIXTURES.base).click();
      await page.getByTestId('save-open').click();
      const save = page.getByTestId('save-dialog');
      await save.getByTestId('save-choose').click();
      await expect(save.getByTestId('save-path')).toHaveValue(target);
      await save.getByTestId('save-submit').click();
      await expect(save.getByTestId('job-done')).toBeVisible({ timeout: 30_000 });
      expect(fs.statSync(target).size).toBeGreaterThan(1000);
      await save.getByTestId('save-close').click();

      await page.getByTestId('load-open').click();
      const item = page.getByTestId('load-dialog').getByTestId('load-item');
      await expect(item).toHaveAttribute('data-stage', 'ready', { timeout: 30_000 });
      await expect(item.getByTestId('archive-tag').first()).toHaveAttribute('data-fate', 'same');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
