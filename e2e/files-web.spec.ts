import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURES } from '../scripts/test-env/fixture-names.mjs';
import { expect, test } from './fixtures';
import { docker, inspectImage, randomName } from './support/docker-cli';

/**
 * Save, Load and the Tasks panel through the web host: a save lands as a file on the host or as a
 * browser download, a file dropped on the window is copied to the host, read, shown, then loaded.
 */
test.describe('images in and out as files (web host)', () => {
  let dir: string;
  test.beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-e2e-files-'));
  });
  test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('saves the selected image on the host, says which platforms the archive holds, and lists the job in Tasks @smoke', async ({ images, page }) => {
    await images.waitForList();
    await images.rowFor(FIXTURES.child).click();
    await page.getByTestId('save-open').click();
    const dialog = page.getByTestId('save-dialog');
    await dialog.getByTestId('save-target-host').check();
    const target = path.join(dir, `child-${randomName()}.tar`);
    await dialog.getByTestId('save-path').fill(target);
    await expect(dialog.getByTestId('command-text')).toHaveText(`docker save -o ${target} ${FIXTURES.child}`);
    await dialog.getByTestId('save-submit').click();
    await expect(dialog.getByTestId('task-result')).toContainText(/linux\/(amd64|arm64)/, { timeout: 30_000 });
    expect(fs.statSync(target).size).toBeGreaterThan(1000);
    expect(fs.readdirSync(dir).filter((f) => f.includes('stevedore-partial'))).toEqual([]);
    await dialog.getByTestId('save-close').click();

    await page.getByTestId('tasks-button').click();
    const task = page.getByTestId('tasks-panel').getByTestId('task').filter({ hasText: target }).first();
    await expect(task).toHaveAttribute('data-state', 'done');
    // Jobs belong to the backend: a reload still lists it.
    await page.reload();
    await images.waitForList();
    await page.keyboard.press('j');
    await expect(page.getByTestId('tasks-panel').getByTestId('task').filter({ hasText: target }).first()).toHaveAttribute('data-state', 'done');
  });

  test('a save keeps running and reporting while the user moves around, and is cancelled from the Tasks panel without leaving a file', async ({ images, page }) => {
    test.setTimeout(120_000);
    // Big enough that the save is still running after a few clicks: 400 MB of random bytes.
    const name = `e2e-big/${randomName()}:1`;
    const blobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-e2e-big-'));
    try {
      fs.writeFileSync(path.join(blobDir, 'blob'), Buffer.alloc(0));
      const fd = fs.openSync(path.join(blobDir, 'blob'), 'w');
      for (let i = 0; i < 100; i++) fs.writeSync(fd, crypto.randomBytes(4 * 1024 * 1024));
      fs.closeSync(fd);
      const tar = spawnSync('tar', ['-cf', '-', '-C', blobDir, 'blob'], { maxBuffer: 1 << 30 });
      docker(['import', '-', name], { input: tar.stdout });
    } finally {
      fs.rmSync(blobDir, { recursive: true, force: true });
    }
    try {
      await images.waitForList();
      await images.filterBy('e2e-big/');
      await images.rowFor(name).click();
      await page.getByTestId('save-open').click();
      const dialog = page.getByTestId('save-dialog');
      await dialog.getByTestId('save-target-host').check();
      const target = path.join(dir, 'big.tar');
      await dialog.getByTestId('save-path').fill(target);
      await dialog.getByTestId('save-submit').click();
      await expect(dialog.getByTestId('job-progress')).toBeVisible();
      await dialog.getByTestId('save-close').click();

      // Elsewhere in the app meanwhile.
      await page.getByTestId('view-containers').click();
      await page.getByTestId('view-images').click();
      await page.getByTestId('tasks-button').click();
      await expect(page.getByTestId('tasks-badge')).toHaveText('1');
      const task = page.getByTestId('tasks-panel').getByTestId('task').filter({ hasText: target });
      await expect(task).toHaveAttribute('data-state', 'running');
      await expect(task.getByTestId('task-numbers')).toContainText(/of about/);
      await task.getByTestId('task-cancel').click();
      await expect(task).toHaveAttribute('data-state', 'cancelled', { timeout: 30_000 });
      await expect(task.getByTestId('task-cancel-note')).toHaveText(/no file was left at the target/);
      expect(fs.existsSync(target)).toBe(false);
      expect(fs.readdirSync(dir).filter((f) => f.includes('stevedore-partial'))).toEqual([]);
    } finally {
      docker(['rmi', name], { allowFail: true });
    }
  });

  test('asks before replacing a file that exists, and keeps it when told no', async ({ images, page }) => {
    await images.waitForList();
    const target = path.join(dir, 'exists.tar');
    fs.writeFileSync(target, 'keep');
    await images.rowFor(FIXTURES.base).click();
    await page.getByTestId('save-open').click();
    const dialog = page.getByTestId('save-dialog');
    await dialog.getByTestId('save-target-host').check();
    await dialog.getByTestId('save-path').fill(target);
    await dialog.getByTestId('save-submit').click();
    await expect(dialog.getByTestId('save-exists')).toBeVisible();
    await dialog.getByTestId('save-close').click();
    expect(fs.readFileSync(target, 'utf8')).toBe('keep');
  });

  test('downloads a save straight into the browser', async ({ images, page }) => {
    await images.waitForList();
    await images.rowFor(FIXTURES.base).click();
    await page.getByTestId('save-open').click();
    const downloadEvent = page.waitForEvent('download');
    await page.getByTestId('save-dialog').getByTestId('save-submit').click();
    const download = await downloadEvent;
    expect(download.suggestedFilename()).toBe('fixture_busybox_1.tar');
    const file = path.join(dir, 'downloaded.tar');
    await download.saveAs(file);
    // Complete: the engine reads it back.
    expect(docker(['load', '-i', file])).toContain(FIXTURES.base);
  });

  test('loads a dropped archive after showing what it holds, and names the loaded image and ID @smoke', async ({ images, page }) => {
    await images.waitForList();
    const name = `e2e-load/${randomName()}:1`;
    docker(['tag', FIXTURES.base, name]);
    const file = path.join(dir, 'to-load.tar');
    docker(['save', '-o', file, name]);
    docker(['rmi', name]);
    const bytes = fs.readFileSync(file);

    // A real drag: a DataTransfer holding the file, dispatched over the window.
    const transfer = await page.evaluateHandle(
      ({ data, fileName }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(data)], fileName, { type: 'application/x-tar' }));
        return dt;
      },
      { data: [...bytes], fileName: 'to-load.tar' },
    );
    await page.dispatchEvent('main', 'dragenter', { dataTransfer: transfer });
    await expect(page.getByTestId('drop-overlay')).toBeVisible();
    await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
    await expect(page.getByTestId('drop-overlay')).toBeHidden();

    const dialog = page.getByTestId('load-dialog');
    const item = dialog.getByTestId('load-item');
    await expect(item).toHaveAttribute('data-stage', 'ready', { timeout: 30_000 });
    await expect(item.getByTestId('archive-tag')).toHaveAttribute('data-fate', 'new');
    await expect(item.getByTestId('archive-tag')).toContainText(name);
    await dialog.getByTestId('load-submit').click();
    await expect(item.getByTestId('task-result')).toContainText(name, { timeout: 30_000 });
    const id = inspectImage(name, '{{.Id}}');
    await expect(item.getByTestId('task-result')).toContainText(id.replace('sha256:', '').slice(0, 12));
    await dialog.getByTestId('load-close').click();
    await expect(images.rowFor(name)).toBeVisible();
    docker(['rmi', name]);
  });

  test('refuses a file that is not an image archive, naming it, and loads nothing', async ({ images, page }) => {
    await images.waitForList();
    const ids = () => docker(['images', '-a', '-q', '--no-trunc']).split('\n').sort();
    const before = ids();
    await page.getByTestId('load-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('just some notes\n'.repeat(50)) });
    const item = page.getByTestId('load-dialog').getByTestId('load-item');
    await expect(item).toHaveAttribute('data-stage', 'failed', { timeout: 30_000 });
    await expect(item.getByTestId('load-item-error')).toContainText('notes.txt');
    // Nothing in the list can be loaded, so there is no Load button to press.
    await expect(page.getByTestId('load-submit')).toHaveCount(0);
    await page.getByTestId('load-close').click();
    expect(ids()).toEqual(before);
  });
});
