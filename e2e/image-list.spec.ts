import { FIXTURES } from '../scripts/test-env/fixture-names.mjs';
import { expect, test } from './fixtures';
import { docker, importUntaggedImage, inspectImage } from './support/docker-cli';

/** How `docker images` prints sizes: go-units, decimal, three significant digits. */
const CLI_SIZE = /^\d+(\.\d+)?(B|kB|MB|GB)$/;

test.describe('the image list', () => {
  test('lists one row per tag, like docker images, with every tag of an image sharing its ID', { tag: '@smoke' }, async ({ images }) => {
    await images.waitForList();
    const baseId = inspectImage(FIXTURES.base, '{{.Id}}');
    for (const reference of FIXTURES.multiTag) {
      await expect(images.rowFor(reference), `row for ${reference}`).toHaveAttribute('data-image-id', baseId);
    }
    // Polled together: the engine is real and other tools may change it between two reads.
    const cliRows = () => docker(['images', '--format', '{{.Repository}}:{{.Tag}}']).split('\n').filter(Boolean).length;
    await expect.poll(async () => (await images.rowCount()) === cliRows()).toBe(true);
  });

  for (const width of [1280, 1024]) {
    test(`the table stays put at ${width} px when a row is selected or the list filtered, so the next click lands where aimed`, async ({ images, page }) => {
      await page.setViewportSize({ width, height: 800 });
      await images.waitForList();
      const top = async () => (await images.table.boundingBox())!.y;
      const at = await top();
      await images.rows.first().click();
      expect(await top()).toBe(at);
      await images.filterBy('fixture');
      await expect(images.count).toContainText('·');
      expect(await top()).toBe(at);
    });
  }

  test('keeps an untagged image as a <none> row', async ({ images }) => {
    const id = importUntaggedImage();
    try {
      await images.waitForList();
      const rows = images.rowsOfImage(id);
      await expect(rows).toHaveCount(1);
      await expect(rows).toHaveAttribute('data-repository', '<none>');
      await expect(rows).toHaveAttribute('data-tag', '<none>');
    } finally {
      docker(['rmi', id], { allowFail: true });
    }
  });

  test('shows the 12-character IMAGE ID and the SIZE the docker CLI prints', async ({ images }) => {
    await images.waitForList();
    const baseId = inspectImage(FIXTURES.base, '{{.Id}}');
    const [cliId, cliSize] = docker(['images', '--format', '{{.ID}} {{.Size}}', FIXTURES.base]).split(' ');
    expect(cliId).toHaveLength(12);

    const row = images.rowFor(FIXTURES.base);
    await expect(row.getByText(cliId!, { exact: true })).toBeVisible();
    // Only the short form is shown: no element of the row holds 13 characters of the ID. (Per element,
    // not the row's whole text: the short ID followed by "3 minutes ago" once read as 13 characters.)
    await expect(row.getByText(baseId.slice(7, 20))).toHaveCount(0);

    const size = row.getByText(CLI_SIZE);
    await expect(size).toHaveCount(1);
    await expect(size).toHaveText(cliSize!);
  });
});

test.describe('sorting', () => {
  const collator = new Intl.Collator('en', { numeric: true });
  const ascending = (names: string[]) => names.every((name, i) => i === 0 || collator.compare(names[i - 1]!, name) <= 0);

  test('starts newest first like docker images, and a header click sorts by that column', async ({ images }) => {
    await images.waitForList();
    await expect(images.columnHeader('created')).toHaveAttribute('aria-sort', 'descending');
    await images.filterBy('fixture');

    await images.columnHeader('repository').click();
    await expect(images.columnHeader('repository')).toHaveAttribute('aria-sort', 'ascending');
    await expect(images.columnHeader('created')).toHaveAttribute('aria-sort', 'none');
    await expect.poll(async () => ascending((await images.rowData()).map((r) => r.repository))).toBe(true);

    await images.columnHeader('repository').click();
    await expect(images.columnHeader('repository')).toHaveAttribute('aria-sort', 'descending');
    await expect.poll(async () => ascending((await images.rowData()).map((r) => r.repository).reverse())).toBe(true);
  });
});
