import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { FIXTURES } from '../scripts/test-env/fixture-names.mjs';
import { expect, test } from './fixtures';
import { docker, inspectImage, randomName } from './support/docker-cli';

/**
 * The Containers view's file operations against the real engine: export a container to a tar on the
 * host, import that tar back as an image, commit the container as another, and see both in the list.
 * The web host runs on this machine, so a path it writes is one the spec can read.
 */

const made: string[] = [];
let dir = '';
test.beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-e2e-export-'));
});
test.afterEach(() => {
  for (const ref of made.splice(0)) docker(['rmi', '-f', ref], { allowFail: true });
  fs.rmSync(dir, { recursive: true, force: true });
});

async function openContainers(page: Page): Promise<void> {
  await page.getByTestId('view-containers').click();
  await expect(page.getByTestId('containers-table')).toBeVisible();
}

const containerRow = (page: Page, name: string) => page.locator(`[data-testid="container-row"][data-name="${name}"]`);

test.describe('containers: export, import, commit', () => {
  test('export writes a complete tar, replacing a file only when asked; import and commit make listed images', async ({ page, images }) => {
    test.setTimeout(150_000);
    const imported = `e2e-files/imported-${randomName()}:v1`;
    const committed = `e2e-files/committed-${randomName()}:v1`;
    made.push(imported, committed);
    await images.waitForList();
    await openContainers(page);

    await page.getByTestId('containers-filter').fill('fixture-used');
    const row = containerRow(page, FIXTURES.containerName);
    await expect(row).toBeVisible();

    // Export: the path field is on the host, suggested as <downloads or home>/<container>.tar.
    await row.getByTestId('container-export').click();
    const exportDialog = page.getByTestId('export-dialog');
    const pathInput = exportDialog.getByTestId('export-path');
    await expect(pathInput).toHaveValue(new RegExp(`[/\\\\]${FIXTURES.containerName}\\.tar$`));
    await pathInput.fill('used.tar');
    await expect(exportDialog.getByTestId('export-path-problem')).toHaveAttribute('data-problem', 'relative');
    await expect(exportDialog.getByTestId('export-submit')).toBeDisabled();

    // A file already there is replaced only after the user confirms.
    const target = path.join(dir, 'used.tar');
    fs.writeFileSync(target, 'old');
    await pathInput.fill(target);
    await expect(exportDialog.getByTestId('command-text')).toHaveText(`docker export -o ${target} ${FIXTURES.containerName}`);
    await exportDialog.getByTestId('export-submit').click();
    await expect(exportDialog.getByTestId('export-exists')).toBeVisible({ timeout: 30_000 });
    expect(fs.readFileSync(target, 'utf8')).toBe('old');
    await exportDialog.getByTestId('export-submit').click();
    const exported = exportDialog.getByTestId('export-result');
    await expect(exported).toBeVisible({ timeout: 60_000 });
    await expect(exported).toHaveAttribute('data-path', target);

    // Complete: the size the job reported, nothing half-written beside it, and tar reads it to the end.
    expect(fs.statSync(target).size).toBe(Number(await exported.getAttribute('data-bytes')));
    expect(fs.readdirSync(dir).filter((f) => f.includes('.stevedore-partial'))).toEqual([]);
    const listing = spawnSync('tar', ['-tf', target], { encoding: 'utf8' });
    expect(listing.status).toBe(0);
    expect(listing.stdout.split('\n')).toContain('used.txt');

    // Import the exported tar back, with a name and a CMD (an import has no configuration of its own).
    await exportDialog.getByTestId('export-import').click();
    const importDialog = page.getByTestId('import-dialog');
    await expect(importDialog.getByTestId('import-file')).toContainText('used.tar');
    await importDialog.getByTestId('import-name').fill(imported);
    await importDialog.getByTestId('import-changes').fill('RUN echo no');
    await expect(importDialog.getByTestId('import-changes-problem')).toHaveAttribute('data-problem', 'not-allowed');
    await expect(importDialog.getByTestId('import-submit')).toBeDisabled();
    await importDialog.getByTestId('import-changes').fill('CMD ["/bin/sh"]');
    await expect(importDialog.getByTestId('import-changes-problem')).toHaveCount(0);
    await expect(importDialog.getByTestId('command-text')).toHaveText(`docker import -c 'CMD ["/bin/sh"]' ${target} ${imported}`);
    await importDialog.getByTestId('import-submit').click();
    const importResult = importDialog.getByTestId('import-result');
    await expect(importResult).toBeVisible({ timeout: 60_000 });
    await expect(importResult).toHaveAttribute('data-name', imported);
    expect(inspectImage(imported, '{{json .Config.Cmd}}')).toBe('["/bin/sh"]');
    expect(await importResult.getAttribute('data-image-id')).toBe(inspectImage(imported, '{{.Id}}'));
    await importDialog.getByTestId('import-done').click();
    await expect(importDialog).toBeHidden();

    // Commit the same container under a name of its own.
    await row.getByTestId('container-commit').click();
    const commitDialog = page.getByTestId('commit-dialog');
    await expect(commitDialog.getByTestId('commit-pause')).toBeChecked();
    await commitDialog.getByTestId('commit-name').fill('E2E/Upper');
    await expect(commitDialog.getByTestId('commit-name-problem')).toHaveAttribute('data-problem', 'uppercase');
    await expect(commitDialog.getByTestId('commit-submit')).toBeDisabled();
    await commitDialog.getByTestId('commit-name').fill(committed);
    await commitDialog.getByTestId('commit-message').fill('e2e commit');
    await expect(commitDialog.getByTestId('command-text')).toHaveText(`docker commit -m 'e2e commit' ${FIXTURES.containerName} ${committed}`);
    await commitDialog.getByTestId('commit-submit').click();
    const commitResult = commitDialog.getByTestId('commit-result');
    await expect(commitResult).toBeVisible({ timeout: 60_000 });
    await expect(commitResult).toHaveAttribute('data-name', committed);
    expect(inspectImage(committed, '{{.Comment}}')).toBe('e2e commit');
    await commitDialog.getByTestId('commit-done').click();

    // Both new images reach the Images list through the engine's events, without a refresh.
    await page.getByTestId('view-images').click();
    await images.filterBy('e2e-files/');
    await expect(images.rowFor(imported)).toBeVisible();
    await expect(images.rowFor(committed)).toBeVisible();
  });

  test('in a browser, a picked file is copied to the host first, then imported', async ({ page, images }) => {
    const name = `e2e-files/uploaded-${randomName()}:v1`;
    made.push(name);
    fs.writeFileSync(path.join(dir, 'hello.txt'), 'hello from e2e\n');
    const tar = path.join(dir, 'rootfs.tar');
    expect(spawnSync('tar', ['-cf', tar, '-C', dir, 'hello.txt']).status).toBe(0);
    await images.waitForList();

    await page.getByTestId('import-open').click();
    const dialog = page.getByTestId('import-dialog');
    await expect(dialog.getByTestId('import-explainer')).toContainText('docker save');
    await dialog.getByTestId('import-file-input').setInputFiles(tar);
    await expect(dialog.getByTestId('import-file')).toHaveAttribute('data-kind', 'upload-needed');
    await dialog.getByTestId('import-name').fill(name);
    await dialog.getByTestId('import-submit').click();
    const result = dialog.getByTestId('import-result');
    await expect(result).toBeVisible({ timeout: 60_000 });
    await expect(result).toHaveAttribute('data-name', name);
    expect(inspectImage(name, '{{.Id}}')).toBe(await result.getAttribute('data-image-id'));

    await result.getByTestId('import-show-images').click();
    await expect(dialog).toBeHidden();
    await expect(images.rowFor(name)).toBeVisible();
  });
});
