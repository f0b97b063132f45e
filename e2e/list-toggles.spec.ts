import { FIXTURES } from '../scripts/test-env/fixture-names.mjs';
import { expect, test } from './fixtures';
import { docker, importUntaggedImage } from './support/docker-cli';

function cliIds(args: string[]): string[] {
  return docker(['images', '-q', '--no-trunc', ...args]).split('\n').filter(Boolean);
}

/** The number of lines `docker images [args]` prints (one per tag, untagged images once). */
function cliRowCount(args: string[]): number {
  return docker(['images', '--format', '{{.ID}}', ...args]).split('\n').filter(Boolean).length;
}

// The engine is the real thing and may change between two reads (other tests, other tools), so
// the UI is compared with the CLI by polling both until they agree.
test.describe('the list toggles', () => {
  const cleanups: Array<() => void> = [];
  test.afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  test('“Dangling” leaves the untagged leaf images and shows docker images --filter dangling=true', async ({ images }) => {
    const ownDangling = importUntaggedImage();
    cleanups.push(() => docker(['rmi', ownDangling], { allowFail: true }));
    await images.waitForList();
    await expect(images.commandText).toHaveText('docker images');

    await images.usageFilter('dangling').click();
    await expect(images.commandText).toHaveText('docker images --filter dangling=true');
    await expect(images.rowsOfImage(ownDangling)).toHaveCount(1);
    await expect
      .poll(async () => {
        const rows = await images.rowData();
        const cli = cliIds(['--filter', 'dangling=true']).sort();
        return { untagged: rows.filter((r) => r.repository !== '<none>' || r.tag !== '<none>'), missing: cli.filter((id) => !rows.some((r) => r.imageId === id)), extra: rows.filter((r) => !cli.includes(r.imageId)).map((r) => r.imageId) };
      })
      .toEqual({ untagged: [], missing: [], extra: [] });

    await images.usageFilter('all').click();
    await expect(images.commandText).toHaveText('docker images');
    await expect(images.rowFor(FIXTURES.base)).toBeVisible();
    await expect(images.rowFor(FIXTURES.layered)).toBeVisible();
  });

  test('“intermediate images” adds the images only docker images -a lists', async ({ images }) => {
    await images.waitForList();
    const top = new Set(cliIds([]));
    const intermediate = cliIds(['-a']).find((id) => !top.has(id));
    expect(intermediate, 'the fixture builds leave intermediate images').toBeTruthy();
    await expect.poll(async () => (await images.rowCount()) === cliRowCount([])).toBe(true);

    await images.allToggle.check();
    await expect(images.commandText).toHaveText('docker images -a');
    await expect.poll(async () => (await images.rowCount()) === cliRowCount(['-a'])).toBe(true);
    expect(await images.rowCount()).toBeGreaterThan(top.size);
    // The table draws only the rows in view; the filter brings the intermediate one forward.
    await images.filterBy(intermediate!.slice(7, 19));
    await expect(images.rowsOfImage(intermediate!)).toHaveCount(1);

    await images.allToggle.uncheck();
    await expect(images.commandText).toHaveText('docker images');
    await expect(images.rowsOfImage(intermediate!)).toHaveCount(0);
    await expect(images.noMatch).toBeVisible();
  });
});

test.describe('in use', () => {
  const made: string[] = [];
  test.afterEach(() => {
    for (const c of made.splice(0)) docker(['rm', '-f', c], { allowFail: true });
  });

  test('rows say how many containers use their image, and In use / Unused split the list as the containers say', { tag: '@smoke' }, async ({ images }) => {
    const running = `e2e-inuse-${Date.now().toString(36)}`;
    docker(['run', '-d', '--name', running, '--network', 'none', FIXTURES.child, 'sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done']);
    made.push(running);
    await images.waitForList();
    // The fixture's stopped container, and the running one just made.
    const used = images.rowFor(FIXTURES.usedByContainer).getByTestId('use-marks');
    await expect(used).toHaveAttribute('data-stopped', '1');
    await expect(images.rowFor(FIXTURES.child).getByTestId('use-marks')).toHaveAttribute('data-running', '1');
    await expect(images.rowFor(FIXTURES.child).getByTestId('use-marks')).toContainText('1 running');

    await images.usageFilter('in-use').click();
    const containers = docker(['ps', '-aq']).split('\n').filter(Boolean);
    const usedIds = new Set(docker(['inspect', '--format', '{{.Image}}', ...containers]).split('\n'));
    const inUse = cliIds([]).filter((id) => usedIds.has(id));
    await expect.poll(async () => new Set((await images.rowData()).map((r) => r.imageId))).toEqual(new Set(inUse));
    await images.usageFilter('unused').click();
    await expect(images.rowFor(FIXTURES.usedByContainer)).toHaveCount(0);
    await expect(images.rowFor(FIXTURES.base)).toBeVisible();
    await images.usageFilter('all').click();
  });
});
