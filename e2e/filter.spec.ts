import { FIXTURES } from '../scripts/test-env/fixture-names.mjs';
import { expect, test } from './fixtures';
import { inspectImage } from './support/docker-cli';

test.describe('the filter box', () => {
  test.beforeEach(async ({ images }) => {
    await images.waitForList();
  });

  test('matches repository names', async ({ images }) => {
    await images.filterBy('alias');
    await expect(images.rows).toHaveCount(1);
    await expect(images.row('stevedore-test/alias', 'v1')).toBeVisible();
  });

  test('matches part of an image ID, bringing up every tag of that image', async ({ images }) => {
    const id = inspectImage(FIXTURES.base, '{{.Id}}');
    const tagCount = Number(inspectImage(FIXTURES.base, '{{len .RepoTags}}'));
    // Ten hex digits from the middle of the short ID: a substring, not a prefix.
    await images.filterBy(id.slice(9, 19));
    await expect(images.rows).toHaveCount(tagCount);
    await expect(images.rowsOfImage(id)).toHaveCount(tagCount);
    for (const reference of FIXTURES.multiTag) await expect(images.rowFor(reference)).toBeVisible();
  });

  test('finds a pushed image by its registry digest', async ({ images, e2eEnv }) => {
    const pushed = FIXTURES.pushed(e2eEnv.registry.address);
    const repoDigests = JSON.parse(inspectImage(pushed, '{{json .RepoDigests}}')) as string[];
    const repoDigest = repoDigests.find((d) => d.startsWith(`${e2eEnv.registry.address}/`));
    expect(repoDigest, `a RepoDigest from ${e2eEnv.registry.address}`).toBeTruthy();
    const digest = repoDigest!.slice(repoDigest!.indexOf('@') + 1);
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);

    await images.filterBy(digest);
    if (e2eEnv.engineName === 'legacy') {
      await expect(images.rows).toHaveCount(1);
    } else {
      // On the containerd store the registry's digest is the image ID: every row of the image matches.
      await expect(images.rows).toHaveCount(FIXTURES.multiTag.length + 1);
    }
    await expect(images.rowFor(pushed)).toBeVisible();
  });

  test('Esc clears the filter and brings every row back', async ({ images }) => {
    await images.filterBy('alias');
    await expect(images.rows).toHaveCount(1);
    await images.filter.press('Escape');
    await expect(images.filter).toHaveValue('');
    await expect(images.rowFor(FIXTURES.layered)).toBeVisible();
    await expect(images.rowFor(FIXTURES.base)).toBeVisible();
  });
});
