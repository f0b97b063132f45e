import { FIXTURES } from '../scripts/test-env/fixture-names.mjs';
import { expect, test } from './fixtures';
import { docker, inspectImage } from './support/docker-cli';

test.describe('disk usage in the details Overview (a job)', () => {
  test.beforeEach(async ({ images }) => {
    await images.waitForList();
  });

  test('shows what removing the child image alone frees and what it shares, as docker system df -v counts it', async ({ images, details }) => {
    const child = Number(inspectImage(FIXTURES.child, '{{.Size}}'));
    const base = Number(inspectImage(FIXTURES.base, '{{.Size}}'));
    await images.openDetails(images.rowFor(FIXTURES.child));
    await details.root.getByTestId('usage-compute').click();

    // The child is built on the base: the base's bytes are shared, only the child's own layer is unique.
    await expect(details.root.getByTestId('usage-unique')).toHaveAttribute('data-bytes', String(child - base));
    await expect(details.root.getByTestId('usage-shared')).toHaveAttribute('data-bytes', String(base));
    await expect(details.root.getByTestId('usage-result').getByTestId('command-text')).toHaveText('docker system df -v');
    const cli = docker(['system', 'df', '-v', '--format', '{{json .Images}}']);
    expect(cli).toContain(inspectImage(FIXTURES.child, '{{.Id}}').slice(7, 19));
  });
});
