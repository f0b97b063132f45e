import path from 'node:path';
import { FIXTURES } from '../scripts/test-env/fixture-names.mjs';
import { expect, test as base } from './fixtures';
import { buildImage, commitImage, OperationsPage } from './pages/operations-page';
import { docker, importUntaggedImage, inspectImage, randomName } from './support/docker-cli';
import { REPO } from './support/env';

const test = base.extend<{ ops: OperationsPage }>({
  ops: async ({ page }, use) => use(new OperationsPage(page)),
});

/** Everything a test made, removed again whatever happened (containers first: they hold images). */
const made = { containers: [] as string[], images: [] as string[] };
test.afterEach(() => {
  for (const name of made.containers.splice(0)) docker(['rm', '-f', name], { allowFail: true });
  for (const ref of made.images.splice(0).reverse()) docker(['rmi', '-f', ref], { allowFail: true });
});

const KEEP_RUNNING = 'trap "exit 0" TERM; while :; do sleep 1; done';
/** A container of ours on `reference`, created (stopped) or running; removed after the suite. */
function containerOn(reference: string, container: string, running = false): void {
  docker(running ? ['run', '-d', '--name', container, '--network', 'none', reference, 'sh', '-c', KEEP_RUNNING] : ['create', '--name', container, '--network', 'none', reference]);
  made.containers.push(container);
}
const exists = (ref: string) => docker(['image', 'inspect', '-f', '{{.Id}}', ref], { allowFail: true }) !== '';

test.describe('image operations', () => {
  test.beforeEach(async ({ images }) => {
    await images.waitForList();
  });

  test('tag: the problem is named as the user types; a valid name is normalised, tagged and listed', { tag: '@smoke' }, async ({ images, ops, page }) => {
    const repository = `e2e-ops/tag-${randomName()}`;
    made.images.push(`${repository}:v1`);

    await ops.rowAction(images.rowFor(FIXTURES.base), 'tag').click();
    await expect(ops.tagDialog).toHaveAttribute('role', 'dialog');
    await expect(ops.tagInput).toBeFocused();
    await ops.tagInput.fill('E2E/Upper');
    await expect(ops.tagProblem).toHaveAttribute('data-problem', 'uppercase');
    await ops.tagInput.fill('e2e/app:-bad');
    await expect(ops.tagProblem).toHaveAttribute('data-problem', 'bad-tag');
    await expect(ops.tagProblem.locator('mark')).toHaveText('-bad');
    await expect(ops.tagSubmit).toBeDisabled();
    await page.keyboard.press('Escape');
    await expect(ops.tagDialog).toBeHidden();

    // The `t` key tags the image under the cursor.
    await images.rowFor(FIXTURES.base).click();
    await page.keyboard.press('t');
    await expect(ops.tagInput).toBeFocused();
    await ops.tagInput.fill(`${repository}:v1`);
    await expect(ops.tagProblem).toHaveCount(0);
    await expect(ops.tagNormalized).toHaveText(`docker.io/${repository}:v1`);
    await expect(ops.command(ops.tagDialog)).toHaveText(`docker tag ${FIXTURES.base} ${repository}:v1`);
    await ops.tagSubmit.click();
    await expect(ops.tagDialog).toBeHidden();

    await images.filterBy(repository);
    await expect(images.row(repository, 'v1')).toBeVisible();
    expect(inspectImage(`${repository}:v1`, '{{.Id}}')).toBe(inspectImage(FIXTURES.base, '{{.Id}}'));
  });

  test('tag onto a name another image has: the dialog says which image loses it and that it becomes untagged', { tag: '@smoke' }, async ({ images, ops, page }) => {
    const name = randomName();
    const taken = `e2e-ops/move-${name}:1`;
    const holder = buildImage(taken, [`FROM ${FIXTURES.base}`, `RUN echo ${name} > /holder`]);
    made.images.push(holder);
    await images.filterBy(taken.split(':')[0]!);
    await expect(images.rowFor(taken)).toBeVisible();
    await images.filterBy('');

    await ops.rowAction(images.rowFor(FIXTURES.base), 'tag').click();
    await ops.tagInput.fill(taken);
    const move = ops.tagDialog.getByTestId('tag-move');
    await expect(move).toHaveAttribute('data-from', holder);
    await expect(move).toHaveAttribute('data-becomes-untagged', 'true');
    await expect(move).toContainText(`${taken} already names image ${holder.slice(7, 19)}`);
    await expect(ops.tagSubmit).toHaveText('Move tag');
    await ops.tagSubmit.click();
    await expect(page.getByRole('status').filter({ hasText: `image ${holder.slice(7, 19)} is now untagged` })).toBeVisible();
    expect(inspectImage(taken, '{{.Id}}')).toBe(inspectImage(FIXTURES.base, '{{.Id}}'));
    expect(inspectImage(holder, '{{len .RepoTags}}')).toBe('0');
    docker(['rmi', taken]);
  });

  test('untag: one tag goes from the details’ tag chips, the image stays and the result names the tags it keeps', async ({ images, details, ops }) => {
    const reference = `e2e-ops/untag-${randomName()}:v1`;
    docker(['tag', FIXTURES.base, reference]);
    made.images.push(reference);

    await images.filterBy(reference.split(':')[0]!);
    await images.openDetails(images.rowFor(reference));
    await details.root.locator(`[data-testid="action-untag"][data-ref="${reference}"]`).click();

    await expect(ops.planUntag(reference)).toBeVisible();
    await expect(ops.planUntag(reference)).toContainText(FIXTURES.multiTag[1]!);
    await expect(ops.planImages).toHaveCount(0);
    await expect(ops.command(ops.removeDialog)).toHaveText(`docker rmi ${reference}`);
    await ops.removeConfirm.click();

    const result = ops.result(reference);
    await expect(result).toHaveAttribute('data-ok', 'true');
    await expect(result).toContainText(`Untagged ${reference}`);
    await expect(result).toContainText('the image stays');
    for (const kept of FIXTURES.multiTag) await expect(result).toContainText(kept);
    expect(exists(reference)).toBe(false);
    expect(exists(FIXTURES.base)).toBe(true);
    await ops.closeButton(ops.removeDialog).click();
    await expect(images.rowFor(reference)).toHaveCount(0);
  });

  test('Delete removes the selection only after a confirmation that names it; Esc cancels', async ({ images, ops, page }) => {
    const repository = `e2e-ops/delete-${randomName()}`;
    const refs = [`${repository}:a`, `${repository}:b`];
    for (const ref of refs) docker(['tag', FIXTURES.base, ref]);
    made.images.push(...refs);

    await images.filterBy(repository);
    await images.rowFor(refs[0]!).click();
    await images.rowFor(refs[1]!).click({ modifiers: ['ControlOrMeta'] });
    await page.keyboard.press('Delete');
    await expect(ops.removeDialog).toHaveAttribute('aria-modal', 'true');
    for (const ref of refs) await expect(ops.planUntag(ref)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(ops.removeDialog).toBeHidden();
    for (const ref of refs) expect(exists(ref)).toBe(true);

    await page.keyboard.press('Delete');
    await ops.waitForPlan();
    await ops.removeConfirm.click();
    for (const ref of refs) await expect(ops.result(ref)).toHaveAttribute('data-ok', 'true');
    for (const ref of refs) expect(exists(ref)).toBe(false);
  });

  test('remove with a conflict: the stopped container is named, and force after a second confirmation does what its preview says', { tag: '@smoke' }, async ({ images, ops, e2eEnv }) => {
    const name = randomName();
    const reference = `e2e-ops/conflict-${name}:1`;
    const container = `e2e-ops-conflict-${name}`;
    const id = buildImage(reference, [`FROM ${FIXTURES.base}`, `RUN echo ${name} > /conflict`]);
    made.images.push(id);
    containerOn(reference, container);

    await images.filterBy(reference.split(':')[0]!);
    await ops.rowAction(images.rowFor(reference), 'remove').click();
    const conflict = ops.conflicts.first();
    await expect(conflict).toHaveAttribute('data-kind', 'container-using-reference');
    await expect(conflict).toHaveAttribute('data-forceable', 'true');
    await expect(conflict.locator(`[data-testid="conflict-container"][data-name="${container}"]`)).toBeVisible();
    await expect(ops.removeConfirm).toBeDisabled();
    await expect(ops.command(ops.removeDialog)).toHaveText(`docker rmi ${reference}`);
    // The card says what force will do on this store before the force step is opened.
    await expect(conflict.getByTestId('conflict-next')).toHaveAttribute('data-force', e2eEnv.engineName === 'legacy' ? 'image-goes' : 'name-only');

    await ops.removeForce.click();
    await expect(ops.forceEffects).toContainText(container);
    const legacy = e2eEnv.engineName === 'legacy';
    // 20.10 deletes the image and the container shows it by ID; 26.1 only takes the name off.
    await expect(ops.forceEffects).toContainText(legacy ? 'will show the image by ID' : `Removes only the name ${reference}`);
    if (legacy) await expect(ops.planImage(id)).toBeVisible();
    else await expect(ops.removeDialog.locator(`[data-testid="remove-plan-untag"][data-ref="${reference}"]`)).toBeVisible();
    await expect(ops.command(ops.removeDialog)).toHaveText(`docker rmi -f ${reference}`);
    expect(exists(id), 'nothing is removed before the second confirmation').toBe(true);
    await ops.removeForceConfirm.click();

    await expect(ops.result(reference)).toHaveAttribute('data-ok', 'true');
    expect(exists(id)).toBe(!legacy);
    expect(docker(['ps', '-a', '--filter', `name=^${container}$`, '--format', '{{.Names}}'])).toBe(container);
  });

  test('removing an image from its own details closes the panel and the result says what went and what it freed', { tag: '@smoke' }, async ({ images, details, ops, page }) => {
    const reference = `e2e-ops/details-${randomName()}:1`;
    const id = buildImage(reference, [`FROM ${FIXTURES.base}`, `RUN echo details > /d`]);
    made.images.push(id);
    await images.filterBy(reference.split(':')[0]!);
    await images.openDetails(images.rowFor(reference));
    await details.root.getByTestId('action-remove').click();
    await ops.waitForPlan();
    const previewed = await ops.bytes(ops.removeDialog.getByTestId('plan-bytes'));
    await ops.removeConfirm.click();
    await expect(ops.result(id.slice(7, 19))).toHaveAttribute('data-ok', 'true');
    // What went, from the engine's own report (or, on the containerd store, its content before and after), beside the preview.
    const freed = ops.removeDialog.getByTestId('remove-freed');
    await expect(freed).toHaveAttribute('data-as-previewed', 'true');
    expect(await ops.bytes(freed)).toBe(previewed);
    expect(previewed).toBeGreaterThan(0);
    await expect(details.root).toBeHidden();
    await expect(page.locator('body')).not.toContainText('removed outside this window');
  });

  test('removing one tag of an image with several offers the whole image instead, with its own preview', async ({ images, ops }) => {
    const name = randomName();
    const first = `e2e-ops/whole-${name}:1`;
    const id = buildImage(first, [`FROM ${FIXTURES.base}`, `RUN echo ${name} > /whole`]);
    made.images.push(id);
    docker(['tag', first, `e2e-ops/whole-${name}:2`]);
    await images.filterBy(`e2e-ops/whole-${name}`);
    await ops.rowAction(images.rowFor(first), 'remove').click();
    await ops.waitForPlan();
    await expect(ops.planImages).toHaveCount(0);
    await ops.removeDialog.getByTestId('remove-whole-image').click();
    await expect(ops.planImage(id)).toBeVisible();
    await ops.removeConfirm.click();
    await expect(ops.result(first)).toHaveAttribute('data-ok', 'true');
    expect(exists(id)).toBe(false);
  });

  test('checkboxes select rows, and the bulk button says what it will remove', async ({ images, ops, page }) => {
    await images.filterBy('fixture/busybox');
    const rows = images.rows;
    await expect(rows.first()).toBeVisible();
    await rows.nth(0).getByTestId('row-check').click();
    await rows.nth(1).getByTestId('row-check').click();
    await expect(ops.removeSelected).toHaveText(/Remove 2 tags of 1 image/);
    await images.filterBy('');
    await page.getByTestId('select-all-rows').check();
    await expect(page.getByTestId('images-count')).toContainText('selected');
    await page.getByTestId('select-all-rows').uncheck();
    await expect(ops.removeSelected).toBeDisabled();
    await expect(page.locator('.keys-hint')).toContainText('Shift-click');
  });

  test('a refusal card stops and removes the container in the way, then the removal goes ahead', { tag: '@smoke' }, async ({ images, ops, page }) => {
    const name = randomName();
    const reference = `e2e-ops/blocker-${name}:1`;
    const container = `e2e-ops-blocker-${name}`;
    const id = buildImage(reference, [`FROM ${FIXTURES.base}`, `RUN echo ${name} > /blocker`]);
    made.images.push(id);
    containerOn(reference, container, true);

    await images.filterBy(reference.split(':')[0]!);
    await ops.rowAction(images.rowFor(reference), 'remove').click();
    const card = ops.conflicts.first().locator(`[data-testid="conflict-container"][data-name="${container}"]`);
    await expect(card).toHaveAttribute('data-state', 'running');
    await card.getByTestId('container-stop').click();
    await expect(card).toContainText('SIGTERM');
    await card.getByTestId('container-stop-confirm').click();
    await expect(card).toHaveAttribute('data-state', 'exited');
    await card.getByTestId('container-remove').click();
    await expect(card).toContainText('writable layer');
    await card.getByTestId('container-remove-confirm').click();
    // With the container gone the engine no longer refuses: the preview says the image goes.
    await expect(ops.conflicts).toHaveCount(0);
    await expect(ops.planImage(id)).toBeVisible();
    await ops.removeConfirm.click();
    await expect(ops.result(reference)).toHaveAttribute('data-ok', 'true');
    expect(exists(id)).toBe(false);
    await expect(page.locator('body')).not.toContainText('removed outside this window');
  });

  test('containers using an image: listed in details, a stopped one removed after confirmation', async ({ images, details, page }) => {
    const name = randomName();
    const reference = `e2e-ops/used-${name}:1`;
    const container = `e2e-ops-used-${name}`;
    docker(['tag', FIXTURES.usedByContainer, reference]);
    made.images.push(reference);
    containerOn(reference, container);

    await images.filterBy(reference.split(':')[0]!);
    await images.openDetails(images.rowFor(reference));
    await details.root.getByTestId('tab-containers').click();
    const row = details.root.locator(`[data-testid="container-row"][data-name="${container}"]`);
    await expect(row).toHaveAttribute('data-state', 'created');
    await expect(details.root.locator(`[data-testid="container-row"][data-name="${FIXTURES.containerName}"]`)).toBeVisible();

    await row.getByTestId('container-remove').click();
    await expect(row.getByTestId('command-text')).toHaveText(`docker rm ${container}`);
    await row.getByTestId('container-remove-confirm').click();
    await expect(row).toHaveCount(0);
    expect(docker(['ps', '-a', '--filter', `name=^${container}$`, '-q'])).toBe('');
    await expect(page.locator(`[data-testid="container-row"][data-name="${FIXTURES.containerName}"]`)).toBeVisible();
  });

  test('bulk remove of dangling images: the preview lists our own, only what stays checked is removed', async ({ ops }) => {
    const id = importUntaggedImage();
    made.images.push(id);
    const othersBefore = docker(['images', '-q', '--no-trunc', '--filter', 'dangling=true']).split('\n').filter((x) => x && x !== id);

    await ops.openCleanup('dangling');
    await expect(ops.target(id)).toBeVisible();
    // Other dangling images on this shared engine belong to other tests: keep them.
    await ops.uncheckAllTargets.click();
    await ops.target(id).locator('input').check();
    await ops.waitForPlan();
    await expect(ops.planImage(id)).toBeVisible();
    await expect(ops.planImages).toHaveCount(1);
    await ops.removeConfirm.click();

    await expect(ops.result(id)).toHaveAttribute('data-ok', 'true');
    expect(exists(id)).toBe(false);
    for (const other of othersBefore) expect(exists(other), `dangling ${other} was left alone`).toBe(true);
  });

  test('prune preview → confirm: all unused by label; the engine deletes exactly the previewed images and bytes', { tag: '@smoke' }, async ({ ops, e2eEnv }) => {
    const value = `ops-${randomName()}`;
    const label = `stevedore.e2e.prune=${value}`;
    const owner = buildImage(`e2e-ops/prune-${value}:own`, [`FROM ${FIXTURES.base}`, `LABEL ${label}`, `RUN head -c 300000 /dev/urandom > /own`]);
    // Metadata only, built on the first: it has no layer of its own, so deleting it frees nothing by itself.
    const sharer = buildImage(`e2e-ops/prune-${value}:shared`, [`FROM e2e-ops/prune-${value}:own`, 'ENV SHARED=1']);
    made.images.push(owner, sharer);

    await ops.previewPrune({ all: true, labels: [`label=${label}`] });
    await expect(ops.command(ops.pruneDialog)).toHaveText(`docker image prune -a --filter label=${label}`);
    await expect(ops.prunePlanImage(owner)).toBeVisible();
    if (e2eEnv.engineName === 'legacy') {
      await expect(ops.prunePlanImage(sharer)).toHaveAttribute('data-freed-bytes', '0');
    } else {
      // The containerd store counts content: the metadata-only image still owns its manifest and config.
      const sharerFreed = Number(await ops.prunePlanImage(sharer).getAttribute('data-freed-bytes'));
      expect(sharerFreed).toBeGreaterThan(0);
      expect(sharerFreed, "the sharer frees only its manifest and config").toBeLessThan(10_000);
      await expect(ops.pruneDialog.getByTestId('plan-bytes-note')).toHaveAttribute('data-accounting', 'content');
    }
    // The legacy builder's untagged intermediate images go too, folded under the image that takes them.
    const folds = ops.pruneDialog.getByTestId('plan-fold');
    if (e2eEnv.engineName === 'legacy') await expect(folds.first()).toBeVisible();
    for (const fold of await folds.all()) await fold.click();
    if (e2eEnv.engineName === 'legacy') await expect(ops.pruneDialog.locator('.plan-line.is-parent').first()).toContainText('counted above');
    const previewedIds = await ops.prunePlanImages.evaluateAll((els) => els.map((el) => el.getAttribute('data-image-id') ?? '').sort());
    const previewedBytes = await ops.bytes(ops.pruneTotal);
    expect(previewedBytes).toBeGreaterThanOrEqual(300_000);

    await ops.pruneConfirm.click();
    await expect(ops.pruneResult).toBeVisible();
    await expect(ops.pruneMatches).toBeVisible();
    await expect(ops.pruneDifferences).toHaveCount(0);
    expect(await ops.bytes(ops.pruneReclaimed)).toBe(previewedBytes);
    const deletedIds = await ops.pruneResult.getByTestId('prune-deleted-image').evaluateAll((els) => els.map((el) => el.getAttribute('data-image-id') ?? '').sort());
    expect(deletedIds).toEqual(previewedIds);
    expect(exists(owner)).toBe(false);
    expect(exists(sharer)).toBe(false);
  });
});

/**
 * Pictures for the docs, not a check: the prune preview and a conflict, in English/light and
 * Chinese/dark. Run with STEVEDORE_SCREENSHOTS=1 npx playwright test --project screens
 */
test.describe('operations screenshots', { tag: '@screens' }, () => {
  const OUT = path.join(REPO, 'docs', 'screenshots');
  const LABEL = 'stevedore.demo=screens';
  const CONTAINERS = ['shop-web-1', 'shop-api-1'];
  const IMAGES = ['shop/web:1.4', 'shop/web:1.3', 'shop/web:stable', 'shop/cache:nightly', 'shop/base:2', 'shop/base-copy:2', 'shop/worker:3', 'shop/worker:latest', 'shop/api:7', 'shop/api:stable'];
  const cleanUp = () => {
    for (const c of CONTAINERS) docker(['rm', '-f', c], { allowFail: true });
    for (const i of IMAGES) docker(['rmi', '-f', i], { allowFail: true });
  };

  test.beforeAll(() => {
    cleanUp();
    commitImage('shop/web:1.4', FIXTURES.base, 120_000);
    docker(['create', '--name', 'shop-web-1', '--network', 'none', 'shop/web:1.4']);
    commitImage('shop/web:1.3', FIXTURES.base, 100_000);
    docker(['tag', 'shop/web:1.3', 'shop/web:stable']);
    commitImage('shop/cache:nightly', FIXTURES.base, 3_200_000, LABEL);
    commitImage('shop/base:2', FIXTURES.base, 1_500_000);
    buildImage('shop/base-copy:2', ['FROM shop/base:2', `LABEL ${LABEL}`]);
    commitImage('shop/worker:3', FIXTURES.base, 450_000, LABEL);
    docker(['tag', 'shop/worker:3', 'shop/worker:latest']);
    commitImage('shop/api:7', FIXTURES.base, 220_000, LABEL);
    docker(['tag', 'shop/api:7', 'shop/api:stable']);
    docker(['create', '--name', 'shop-api-1', '--network', 'none', 'shop/api:7']);
  });
  test.afterAll(cleanUp);

  for (const { language, file, theme } of [
    { language: 'en', file: 'en', theme: 'light' },
    { language: 'zh-CN', file: 'zh', theme: 'dark' },
  ] as const) {
    test(`prune preview and a conflict in ${language}, ${theme}`, async ({ images, ops, page }) => {
      await images.waitForList();
      await images.setLanguage(language);
      await images.setTheme(theme);

      await images.filterBy('shop/web');
      await images.row('shop/web', '1.4').click();
      await images.row('shop/web', '1.3').click({ modifiers: ['ControlOrMeta'] });
      await page.keyboard.press('Delete');
      await expect(ops.conflicts.first()).toBeVisible();
      await ops.waitForPlan();
      await page.mouse.move(0, 0);
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      await page.screenshot({ path: path.join(OUT, `conflict-${file}-${theme}.png`) });
      await page.keyboard.press('Escape');
      await images.filterBy('');

      await ops.previewPrune({ all: true, labels: [`label=${LABEL}`] });
      await expect(ops.prunePlanImages.first()).toBeVisible();
      await page.screenshot({ path: path.join(OUT, `prune-preview-${file}-${theme}.png`) });
    });
  }
});
