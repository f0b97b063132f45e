import { FIXTURES } from '../scripts/test-env/fixture-names.mjs';
import { expect, test } from './fixtures';
import { docker, inspectImage } from './support/docker-cli';

test.describe('disk usage in the details Overview (a job)', () => {
  test.beforeEach(async ({ images }) => {
    await images.waitForList();
  });

  test('shows the child image’s unique and shared size as docker system df -v counts it, and says what that means on this store', { tag: '@smoke' }, async ({ images, details, e2eEnv }) => {
    await images.openDetails(images.rowFor(FIXTURES.child));
    await details.root.getByTestId('usage-compute').click();
    if (e2eEnv.engineName === 'legacy') {
      // The child is built on the base: the base's bytes are shared, only the child's own layer is unique.
      const child = Number(inspectImage(FIXTURES.child, '{{.Size}}'));
      const base = Number(inspectImage(FIXTURES.base, '{{.Size}}'));
      await expect(details.root.getByTestId('usage-unique')).toHaveAttribute('data-bytes', String(child - base));
      await expect(details.root.getByTestId('usage-shared')).toHaveAttribute('data-bytes', String(base));
    } else {
      // The engine's own figures, and a note that they are not what removing the image frees there.
      const df = JSON.parse(docker(['system', 'df', '-v', '--format', '{{json .Images}}'])) as { ID: string; SharedSize: string }[];
      expect(df.some((i) => inspectImage(FIXTURES.child, '{{.Id}}').includes(i.ID))).toBe(true);
      await expect(details.root.getByTestId('usage-shared')).not.toHaveAttribute('data-bytes', '0');
      await expect(details.root.getByTestId('usage-result')).toContainText('not what removing the image frees');
    }
    await expect(details.root.getByTestId('usage-result').getByTestId('command-text')).toHaveText('docker system df -v');
    const cli = docker(['system', 'df', '-v', '--format', '{{json .Images}}']);
    expect(cli).toContain(inspectImage(FIXTURES.child, '{{.Id}}').slice(7, 19));
  });
});
