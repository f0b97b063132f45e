import { FIXTURES } from '../scripts/test-env/fixture-names.mjs';
import { expect, test } from './fixtures';
import { docker, randomName } from './support/docker-cli';

test.describe('live updates from the engine', () => {
  const tag = `e2e-${randomName()}`;
  const reference = `e2e/live:${tag}`;

  test.afterEach(() => {
    docker(['rmi', reference], { allowFail: true });
  });

  test('a tag made with the docker CLI appears, and disappears when removed, without a reload', { tag: '@smoke' }, async ({ images, page }) => {
    await images.waitForList();
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url());
    });
    const row = images.row('e2e/live', tag);
    await expect(row).toHaveCount(0);

    docker(['tag', FIXTURES.base, reference]);
    await expect(row).toBeVisible({ timeout: 5_000 });
    await expect(row).toHaveAttribute('data-image-id', docker(['image', 'inspect', '-f', '{{.Id}}', FIXTURES.base]));

    docker(['rmi', reference]);
    await expect(row).toHaveCount(0, { timeout: 5_000 });
    expect(navigations, 'the page was not reloaded').toEqual([]);
  });
});
