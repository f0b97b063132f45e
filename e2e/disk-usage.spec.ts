import { expect, test as base } from './fixtures';
import { DiskUsagePage, type DiskKind } from './pages/disk-usage-page';
import { OperationsPage } from './pages/operations-page';
import { docker, importUntaggedImage } from './support/docker-cli';

const test = base.extend<{ disk: DiskUsagePage; ops: OperationsPage }>({
  disk: async ({ page }, use) => use(new DiskUsagePage(page)),
  ops: async ({ page }, use) => use(new OperationsPage(page)),
});

const CLI_TYPES: Record<DiskKind, string> = { images: 'Images', containers: 'Containers', volumes: 'Local Volumes', buildCache: 'Build Cache' };
type Figures = Record<DiskKind, [total: string, active: string, size: string, reclaimable: string]>;

/** `docker system df --format '{{json .}}'`, by kind. */
function cliFigures(): Figures {
  const rows = docker(['system', 'df', '--format', '{{json .}}'])
    .split('\n')
    .map((line) => JSON.parse(line) as { Type: string; TotalCount: string; Active: string; Size: string; Reclaimable: string });
  const of = (kind: DiskKind) => {
    const row = rows.find((r) => r.Type === CLI_TYPES[kind]);
    if (!row) throw new Error(`docker system df printed no ${CLI_TYPES[kind]} row`);
    return [row.TotalCount, row.Active, row.Size, row.Reclaimable] as Figures[DiskKind];
  };
  return { images: of('images'), containers: of('containers'), volumes: of('volumes'), buildCache: of('buildCache') };
}

async function shownFigures(disk: DiskUsagePage): Promise<Figures> {
  const of = async (kind: DiskKind) => {
    const row = disk.row(kind);
    const cells = await Promise.all(['disk-total', 'disk-active', 'disk-size', 'disk-reclaimable'].map((id) => row.getByTestId(id).innerText()));
    return cells.map((c) => c.trim()) as Figures[DiskKind];
  };
  return { images: await of('images'), containers: await of('containers'), volumes: await of('volumes'), buildCache: await of('buildCache') };
}

const made: string[] = [];
test.afterEach(() => {
  for (const id of made.splice(0)) docker(['rmi', '-f', id], { allowFail: true });
});

test.describe('Disk usage view (docker system df)', () => {
  test.beforeEach(async ({ images }) => {
    await images.waitForList();
  });

  test('opens from the header and shows the four kinds with the figures docker system df prints, as bars and a table', { tag: '@smoke' }, async ({ disk }) => {
    await disk.open();
    await disk.waitForResult();
    await expect(disk.bars).toHaveCount(4);
    await expect(disk.rows).toHaveCount(4);
    await expect(disk.rows.locator('th')).toHaveText(['Images', 'Containers', 'Local volumes', 'Build cache']);
    // The same engine, asked just before and after: the view must agree with one of the two answers.
    const before = cliFigures();
    const shown = await shownFigures(disk);
    const after = cliFigures();
    expect([before, after]).toContainEqual(shown);
    // Images take space on every test engine: their bar is drawn, split into used and reclaimable.
    await expect(disk.bars.first()).toHaveAttribute('data-kind', 'images');
    await expect(disk.bars.first().locator('[data-testid^="disk-bar-"]').first()).toBeVisible();
    await expect(disk.commands).toContainText(['docker system df', 'docker system df -v']);
    await expect(disk.biggest).toHaveAttribute('data-count', shown.images[0]);
  });

  test('takes a reclaimable image one click to its removal preview, and all of them to the prune preview', { tag: '@smoke' }, async ({ disk, ops }) => {
    await disk.open();
    await disk.waitForResult();
    const first = disk.images(disk.reclaimable).first();
    await expect(first).toBeVisible();
    const imageId = (await first.getAttribute('data-image-id'))!;
    // Reclaimable means what docker system df means: no container, running or stopped, uses it.
    expect(docker(['ps', '-a', '--filter', `ancestor=${imageId}`, '--format', '{{.ID}}'])).toBe('');

    await first.getByTestId('disk-image-remove').click();
    await expect(ops.removeDialog).toBeVisible();
    // A first preview on the containerd store reads every image once (the dialog says so): give it time.
    await expect(ops.removeDialog.locator('[data-busy="idle"]')).toBeVisible({ timeout: 60_000 });
    await expect(ops.command(ops.removeDialog)).toHaveText(`docker rmi ${imageId.slice(7, 19)}`);
    // Only a preview: nothing goes until the dialog's own confirmation.
    await ops.closeButton(ops.removeDialog).click();
    await expect(ops.removeDialog).toBeHidden();
    expect(docker(['image', 'inspect', '-f', '{{.Id}}', imageId])).toBe(imageId);

    await disk.prune.click();
    await expect(ops.pruneDialog).toBeVisible();
    await expect(ops.pruneModeAll).toBeChecked();
    await expect(ops.command(ops.pruneDialog)).toHaveText('docker image prune -a');
    await ops.closeButton(ops.pruneDialog).click();
    await expect(ops.pruneDialog).toBeHidden();
  });

  test('measures again by itself when images change on the engine', async ({ disk }) => {
    await disk.open();
    await disk.waitForResult();
    const count = async () => Number(await disk.row('images').getByTestId('disk-total').innerText());
    const before = await count();
    const id = importUntaggedImage();
    made.push(id);
    // The new image lands in the list at once (engine events), and the figures follow it.
    await expect.poll(count, { timeout: 30_000 }).toBe(before + 1);
    await disk.waitForResult();
    expect(await count()).toBe(Number(cliFigures().images[0]));
    docker(['rmi', id]);
    await expect.poll(count, { timeout: 30_000 }).toBe(before);
  });
});
