import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURES } from '../scripts/test-env/fixture-names.mjs';
import { expect, test } from './fixtures';
import { docker, randomName } from './support/docker-cli';

// The legacy builder: one layer per RUN, no network, as the fixtures are built.
process.env.DOCKER_BUILDKIT = '0';

/**
 * An image's layers opened from its details: the history as a stack, a layer's files (added and
 * removed ones marked), the wasted-space ranking, and a comparison with the image it was built on.
 */
test.describe('layer insight', () => {
  const tag = `e2e-insight/app:${randomName()}`;
  test.beforeAll(() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-e2e-insight-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'Dockerfile'),
        [`FROM ${FIXTURES.base}`, 'RUN mkdir -p /srv && echo hello > /srv/keep.txt && head -c 200000 /dev/zero > /srv/big.bin', 'RUN rm /srv/big.bin', 'ENV DONE=1', ''].join('\n'),
      );
      docker(['build', '-q', '--network', 'none', '--force-rm', '-t', tag, dir]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  test.afterAll(() => docker(['rmi', '-f', tag], { allowFail: true }));

  test('opens an image’s layers, shows a layer’s added and removed files, ranks the wasted space and compares with the base @smoke', async ({ images, page }) => {
    await images.waitForList();
    await images.openDetails(images.rowFor(tag));
    await page.getByTestId('action-layers').click();
    const layers = page.getByTestId('insight-layer');
    await expect(layers.last()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('insight').getByTestId('command-text').first()).toHaveText(`docker save ${tag} | tar -t`);
    // The layers of the image it was built FROM are marked as such (the fixture has several names).
    await expect(page.getByTestId('insight-base')).toContainText(/^Base image \S+: the bottom \d+ layers?$/);
    // Metadata-only steps sit apart from the layers.
    await expect(page.getByTestId('insight-meta').filter({ hasText: 'DONE=1' })).toBeVisible();

    // Each layer's size as docker history gives it sits beside ours: together they add up to the CLI's.
    const cliTotal = docker(['history', '--no-trunc', '--human=false', '--format', '{{.Size}}', tag])
      .trim()
      .split('\n')
      .reduce((sum, line) => sum + Number(line), 0);
    await expect(page.locator('[data-history-bytes]')).toHaveCount(await layers.count());
    const shown = await page.locator('[data-history-bytes]').evaluateAll((els) => els.reduce((sum, el) => sum + Number(el.getAttribute('data-history-bytes')), 0));
    expect(shown).toBe(cliTotal);

    // The top layer is open at first: it removed big.bin.
    const count = await layers.count();
    await expect(layers.nth(count - 1)).toHaveAttribute('aria-pressed', 'true');
    const removed = page.locator('[data-testid="tree-row"][data-path="srv/big.bin"]');
    await expect(removed).toHaveAttribute('data-change', 'removed');

    // Arrows move between layers, as in a list.
    await layers.nth(count - 1).focus();
    await page.keyboard.press('ArrowUp');
    await expect(layers.nth(count - 2)).toHaveAttribute('aria-pressed', 'true');
    await expect(layers.nth(count - 2)).toBeFocused();
    await expect(page.locator('[data-testid="tree-row"][data-path="srv/keep.txt"]')).toHaveAttribute('data-change', 'added');
    await expect(page.locator('[data-testid="tree-row"][data-path="srv/big.bin"]')).toHaveAttribute('data-change', 'added');
    // The tree takes the file managers' keys: ← closes a folder, → opens it, then steps in.
    const srv = page.locator('[data-testid="tree-row"][data-path="srv"]');
    await srv.click();
    await page.keyboard.press('ArrowLeft');
    await expect(srv).toHaveAttribute('aria-expanded', 'false');
    await expect(page.locator('[data-testid="tree-row"][data-path="srv/keep.txt"]')).toHaveCount(0);
    await page.keyboard.press('ArrowRight');
    await expect(srv).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('[data-testid="tree-row"][aria-selected="true"]')).toHaveAttribute('data-path', /^srv\//);
    // Only removals: nothing in this layer removed anything.
    await page.getByTestId('tree-kind-removed').check();
    await expect(page.getByTestId('tree-row')).toHaveCount(0);
    await page.getByTestId('tree-kind-removed').uncheck();
    // Written as the other views write paths, with a leading slash.
    await page.getByTestId('tree-filter').fill('/srv/keep');
    await expect(page.getByTestId('tree-matches')).toHaveText('1 entry');

    await page.getByTestId('insight-tab-wasted').click();
    const row = page.locator('[data-testid="wasted-row"][data-path="srv/big.bin"]');
    await expect(row).toContainText('200kB');
    await expect(row).toContainText(`added in layer ${count - 1}, deleted in layer ${count}`);
    // A row opens the layer that deleted it, its changes filtered to the path.
    await row.getByTestId('wasted-open').click();
    await expect(layers.nth(count - 1)).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('tree-filter')).toHaveValue('/srv/big.bin');
    await expect(page.locator('[data-testid="tree-row"][data-path="srv/big.bin"]')).toHaveAttribute('data-change', 'removed');
    await page.getByTestId('insight-tab-wasted').click();

    await page.getByTestId('insight-tab-compare').click();
    await page.getByTestId('compare-other').selectOption(FIXTURES.base);
    await page.getByTestId('compare-start').click();
    await expect(page.getByTestId('compare-summary')).toContainText(`only in ${FIXTURES.base}`, { timeout: 30_000 });
    await expect(page.locator('[data-testid="compare-row"][data-path="srv/keep.txt"]')).toHaveAttribute('data-change', 'added');
    await page.getByTestId('compare-swap').click();
    await expect(page.locator('[data-testid="compare-row"][data-path="srv/keep.txt"]')).toHaveAttribute('data-change', 'removed');
    await page.getByTestId('compare-filter').fill('/srv/');
    await expect(page.getByTestId('compare-row')).toHaveCount(await page.locator('[data-testid="compare-row"][data-path^="srv/"]').count());

    await page.getByTestId('insight-back').click();
    await images.waitForList();
  });

  test('says so when the image is removed while its layers are open, and keeps what was read', async ({ images, page }) => {
    const gone = `e2e-insight/gone:${randomName()}`;
    const id = docker(['build', '-q', '--network', 'none', '-t', gone, '-'], { input: Buffer.from(`FROM ${tag}\nRUN echo bye > /bye\n`) }).trim();
    try {
      await images.waitForList();
      await images.openDetails(images.rowFor(gone));
      await page.getByTestId('action-layers').click();
      await expect(page.getByTestId('insight-layer').last()).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId('insight-gone')).toHaveCount(0);
      docker(['rmi', gone]);
      await expect(page.getByTestId('insight-gone')).toBeVisible({ timeout: 15_000 });
      await expect(page.locator('[data-testid="tree-row"][data-path="bye"]')).toBeVisible();
    } finally {
      docker(['rmi', '-f', id], { allowFail: true });
    }
  });
});
