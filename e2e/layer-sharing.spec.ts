import { FIXTURES } from '../scripts/test-env/fixture-names.mjs';
import { expect, test as base } from './fixtures';
import { buildImage, OperationsPage } from './pages/operations-page';
import { docker, randomName } from './support/docker-cli';

const test = base.extend<{ ops: OperationsPage }>({
  ops: async ({ page }, use) => use(new OperationsPage(page)),
});

/**
 * The Shared layers view: images grouped by the layers they start with, and per image what it shares
 * and what removing it alone frees — the same figure the removal preview, and then the engine, give.
 */
test.describe('shared layers', () => {
  const repo = `e2e-sharing/${randomName()}`;
  const ids: string[] = [];
  test.beforeAll(() => {
    ids.push(buildImage(`${repo}:base`, [`FROM ${FIXTURES.base}`, 'RUN head -c 60000 /dev/urandom > /base.bin']));
    ids.push(buildImage(`${repo}:web`, [`FROM ${repo}:base`, 'RUN head -c 20000 /dev/urandom > /web.bin']));
    ids.push(buildImage(`${repo}:api`, [`FROM ${repo}:base`, 'RUN head -c 30000 /dev/urandom > /api.bin']));
  });
  test.afterAll(() => {
    for (const id of ids.reverse()) docker(['rmi', '-f', id], { allowFail: true });
  });

  test('groups images under their base, and says what removing one frees as the removal does @smoke', async ({ images, ops, page }) => {
    await images.waitForList();
    await page.getByTestId('view-sharing').click();
    const view = page.getByTestId('sharing-page');
    await expect(view.getByTestId('sharing-result')).toBeVisible({ timeout: 60_000 });
    await expect(view.getByTestId('command-text').first()).toHaveText('docker system df -v');
    await view.getByTestId('sharing-filter').fill(repo);

    // The tree: base's group, with web and api one level up, each its own single layer.
    const groups = view.getByTestId('sharing-group');
    const baseGroup = groups.filter({ has: page.getByTestId('sharing-chip').filter({ hasText: `${repo}:base` }) });
    await expect(baseGroup).toHaveCount(1);
    const baseDepth = Number(await baseGroup.getAttribute('data-depth'));
    await expect(baseGroup.getByTestId('sharing-above')).toHaveText('2 images build on this');
    for (const tag of ['web', 'api']) {
      const group = groups.filter({ has: page.getByTestId('sharing-chip').filter({ hasText: `${repo}:${tag}` }) });
      await expect(group).toHaveAttribute('data-depth', String(baseDepth + 1));
      await expect(group).toHaveAttribute('data-layers', '1');
    }
    // Collapsing base hides what builds on it.
    await baseGroup.getByTestId('sharing-toggle').click();
    await expect(groups.filter({ hasText: `${repo}:web` })).toHaveCount(0);
    await baseGroup.getByTestId('sharing-toggle').click();

    // The table: three images; base's layers are all shared with the two built on it.
    const rows = view.getByTestId('sharing-image');
    await expect(rows).toHaveCount(3);
    const row = (tag: string) => rows.filter({ has: page.getByTestId('sharing-name').filter({ hasText: `${repo}:${tag}` }) });
    expect(await ops.bytes(row('base').getByTestId('sharing-shared'))).toBeGreaterThan(60_000 * 0.9);
    const webFrees = await ops.bytes(row('web').getByTestId('sharing-frees'));
    expect(webFrees).toBeGreaterThan(0);
    // Sorted by what removing frees, biggest first: api wrote more than web.
    await expect(rows.first().getByTestId('sharing-name')).toHaveText(`${repo}:api`);

    // The removal preview and the engine agree with the view.
    await row('web').getByTestId('sharing-remove').click();
    await ops.waitForPlan();
    expect(await ops.bytes(ops.removeDialog.getByTestId('plan-bytes'))).toBe(webFrees);
    await ops.removeConfirm.click();
    const freed = ops.removeDialog.getByTestId('remove-freed');
    await expect(freed).toBeVisible();
    expect(await ops.bytes(freed)).toBe(webFrees);
    await page.keyboard.press('Escape');

    // The view reads again once the engine changed: web is gone, base now shares with api alone.
    await expect(rows).toHaveCount(2, { timeout: 30_000 });
    await expect(baseGroup.getByTestId('sharing-above')).toHaveText('1 image builds on this');

    // An image's chip opens its layers, and Back returns here.
    await view.getByTestId('sharing-chip').filter({ hasText: `${repo}:api` }).click();
    await expect(page.getByTestId('insight-layer').last()).toBeVisible({ timeout: 30_000 });
    // The browser's Back and Forward move between the views too.
    await page.goBack();
    await expect(page.getByTestId('sharing-page')).toBeVisible();
    await page.goForward();
    await expect(page.getByTestId('insight')).toBeVisible();
    await page.getByTestId('insight-back').click();
    await expect(page.getByTestId('sharing-page')).toBeVisible();
    await page.goBack();
    await expect(page.getByTestId('insight')).toBeVisible();
    // A reload keeps the view the address names (the layers page needs an image: the list then).
    await page.goBack();
    await expect(page.getByTestId('sharing-page')).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('sharing-page')).toBeVisible();
    await expect(page.getByTestId('view-sharing')).toHaveAttribute('aria-current', 'page');
    // The layers page's address names its image: Forward after the reload reads it again, and so
    // does a reload of the layers page itself.
    await page.goForward();
    await expect(page).toHaveURL(new RegExp(`#layers/${encodeURIComponent(`${repo}:api`)}$`));
    await expect(page.getByTestId('insight-layer').last()).toBeVisible({ timeout: 30_000 });
    await page.reload();
    await expect(page.getByTestId('insight-layer').last()).toBeVisible({ timeout: 30_000 });
    await page.goBack();
    await expect(page.getByTestId('sharing-page')).toBeVisible();
    // An address naming no image has nothing to show there: the list, and Back does not bounce.
    await page.goto(page.url().replace(/#.*$/, '#layers'));
    await expect(page.getByTestId('view-images')).toHaveAttribute('aria-current', 'page');
  });

  test('reads the same in Chinese', async ({ images, page }) => {
    await images.waitForList();
    await images.setLanguage('zh-CN');
    await page.getByTestId('view-sharing').click();
    await expect(page.getByTestId('view-sharing')).toHaveText('共享层');
    const view = page.getByTestId('sharing-page');
    await expect(view.getByTestId('sharing-result')).toBeVisible({ timeout: 60_000 });
    await view.getByTestId('sharing-filter').fill(repo);
    // The containerd store counts image content, the legacy store layers on disk: each says which.
    await expect(view.getByTestId('sharing-summary')).toContainText(/个镜像(在磁盘上占|共有 .* 镜像内容)/);
    await expect(view.getByTestId('sharing-group').filter({ hasText: `${repo}:base` }).getByTestId('sharing-above')).toHaveText(/个镜像基于此构建$/);
  });
});
