import { FIXTURES } from '../scripts/test-env/fixture-names.mjs';
import { expect, test } from './fixtures';
import { docker, inspectImage } from './support/docker-cli';

test.describe('image details', () => {
  test.beforeEach(async ({ images }) => {
    await images.waitForList();
  });

  test('Overview lists every tag and the full ID, and names docker image inspect', async ({ images, details, e2eEnv }) => {
    await images.openDetails(images.rowFor(FIXTURES.base));
    await expect(details.tab('overview')).toHaveAttribute('aria-selected', 'true');
    for (const reference of [...FIXTURES.multiTag, FIXTURES.pushed(e2eEnv.registry.address)]) {
      await expect(details.overviewTags).toContainText(reference);
    }
    await expect(details.overviewId).toContainText(inspectImage(FIXTURES.base, '{{.Id}}'));
    await expect(details.commandText).toHaveText(`docker image inspect ${FIXTURES.base}`);

    await details.close();
  });

  test('Layers shows the history, metadata-only steps included, and names docker history', async ({ images, details }) => {
    const history = docker(['history', '-q', '--no-trunc', FIXTURES.layered]).split('\n').filter(Boolean);
    await images.openDetails(images.rowFor(FIXTURES.layered));
    await details.showTab('layers');

    await expect(details.layerRows).toHaveCount(history.length);
    await expect(details.emptyLayerRows.first()).toBeVisible();
    await expect(details.layerRows.filter({ hasText: 'rm /data/delete-me' })).toHaveCount(1);
    await expect(details.commandText).toHaveText(`docker history --no-trunc ${FIXTURES.layered}`);
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
});
