import { FIXTURES } from '../scripts/test-env/fixture-names.mjs';
import { expect, test } from './fixtures';
import { docker, inspectImage } from './support/docker-cli';

test.describe('image details', () => {
  test.beforeEach(async ({ images }) => {
    await images.waitForList();
  });

  test('Overview lists every tag and the full ID, and names docker image inspect', { tag: '@smoke' }, async ({ images, details, e2eEnv }) => {
    await images.openDetails(images.rowFor(FIXTURES.base));
    await expect(details.tab('overview')).toHaveAttribute('aria-selected', 'true');
    for (const reference of [...FIXTURES.multiTag, FIXTURES.pushed(e2eEnv.registry.address)]) {
      await expect(details.overviewTags).toContainText(reference);
    }
    await expect(details.overviewId).toContainText(inspectImage(FIXTURES.base, '{{.Id}}'));
    await expect(details.commandText).toHaveText(`docker image inspect ${FIXTURES.base}`);

    await details.close();
  });

  test('Layers shows the history, metadata-only steps included, and names docker history', { tag: '@smoke' }, async ({ images, details }) => {
    const history = docker(['history', '-q', '--no-trunc', FIXTURES.layered]).split('\n').filter(Boolean);
    await images.openDetails(images.rowFor(FIXTURES.layered));
    await details.showTab('layers');

    await expect(details.layerRows).toHaveCount(history.length);
    await expect(details.emptyLayerRows.first()).toBeVisible();
    await expect(details.layerRows.filter({ hasText: 'rm /data/delete-me' })).toHaveCount(1);
    await expect(details.commandText).toHaveText(`docker history --no-trunc ${FIXTURES.layered}`);
  });

  test('a multi-platform image names both platforms and splits SIZE into content and unpacked (containerd store)', async ({ images, details, e2eEnv }) => {
    // Reason: 20.10's legacy store keeps one platform per image and its SIZE is unpacked layers only.
    test.skip(e2eEnv.engineName !== 'containerd', 'only the containerd image store keeps several platforms per image and splits SIZE in two; the legacy store has nothing to show here');
    await images.filterBy('fixture/multi');
    await images.openDetails(images.rowFor(FIXTURES.multiPlatform));
    await expect(details.root.getByTestId('overview-platforms')).toHaveAttribute('data-count', '2');
    await expect(details.root.getByTestId('overview-platforms')).toContainText('linux/amd64, linux/arm64/v8');
    const size = details.root.getByTestId('overview-size');
    await expect(size).toHaveAttribute('data-content-bytes', /^[1-9]\d*$/);
    await expect(size).toContainText('compressed content');
    await details.close();
  });

  test('Inspect shows the document as a searchable tree with a copy button', async ({ images, details }) => {
    await images.openDetails(images.rowFor(FIXTURES.layered));
    await details.showTab('inspect');

    await expect(details.inspectTree).toBeVisible();
    await expect(details.inspectCopy).toBeVisible();
    await details.inspectSearch.fill('Entrypoint');
    await expect(details.inspectTree.getByText('Entrypoint').first()).toBeVisible();
    await expect(details.commandText).toHaveText(`docker image inspect ${FIXTURES.layered}`);
  });

  test('each tab opens at its top, not where the previous tab was scrolled to', async ({ images, details, page }) => {
    await page.setViewportSize({ width: 1024, height: 500 });
    await images.openDetails(images.rowFor(FIXTURES.layered));
    const content = details.root.locator('.details-content');
    // Scrolled to the end once the Overview has loaded enough to scroll.
    await expect
      .poll(() =>
        content.evaluate((el) => {
          el.scrollTo(0, el.scrollHeight);
          return el.scrollTop;
        }),
      )
      .toBeGreaterThan(0);
    await details.showTab('inspect');
    await expect(details.inspectTree).toBeVisible();
    expect(await details.root.locator('.details-content').evaluate((el) => el.scrollTop)).toBe(0);
  });
});
