import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { REALISTIC_LABEL } from '../scripts/test-env/fixture-names.mjs';
import { expect, test as base } from './fixtures';
import { OperationsPage } from './pages/operations-page';
import { docker } from './support/docker-cli';
import { REPO, currentE2EEnv } from './support/env';

/**
 * The app at the scale of ../shared/TESTING.md: ~170 images in ~40 repositories with long registry
 * names, several tags each, shared base layers, a 200 MB image, running and stopped containers.
 * Small fixtures hid every layout bug these tests look for.
 */
const test = base.extend<{ ops: OperationsPage }>({
  ops: async ({ page }, use) => use(new OperationsPage(page)),
});

const LONG_REPO = 'registry.example.com:5000/platform/identity/oauth2-authorization-server';

/** Its own process: the script is plain ESM, run as the CLI runs it. `add` loads only what is missing. */
function realistic(command: 'add' | 'remove'): void {
  const r = spawnSync(process.execPath, [path.join(REPO, 'scripts/test-env/realistic.mjs'), command, currentE2EEnv().engineName], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`realistic set (${command}): ${r.stderr || r.stdout}`);
}

test.beforeAll(() => {
  test.setTimeout(180_000);
  realistic('add');
});
// The other specs keep their small, exact world.
test.afterAll(() => {
  test.setTimeout(120_000);
  realistic('remove');
});

/** Text that does not fit its box and is cut with an ellipsis or hidden overflow. */
async function isCut(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
}

function overlaps(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function settle(page: Page): Promise<void> {
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

test.describe('at a realistic scale', () => {
  test('the list shows every image, and row actions cover no value', { tag: '@smoke' }, async ({ images }) => {
    await images.waitForList();
    const count = Number(docker(['images', '-q']).split('\n').filter(Boolean).length);
    expect(count).toBeGreaterThan(150);
    await expect(images.count).toContainText(`${count} rows`);
    const row = images.rowFor('realistic/built-api:2.3.1');
    await row.hover();
    const actions = await row.locator('.row-actions').boundingBox();
    for (const cell of ['.col-size', '.col-use', '.col-created']) {
      const box = await row.locator(cell).boundingBox();
      expect(overlaps(actions!, box!), `row actions over ${cell}`).toBe(false);
    }
    // One running and one stopped container use it: both marks fit.
    await expect(row.getByTestId('use-marks')).toHaveAttribute('data-running', '1');
    expect(await isCut(row.getByTestId('use-marks'))).toBe(false);
  });

  test('PageDown, End and Home draw each row of the list once, in its place, with the cursor in view', async ({ images, page }) => {
    await images.waitForList();
    const count = await images.rowCount();
    const drawn = () =>
      images.rows.evaluateAll((els) =>
        els.map((el) => ({ index: Number(el.getAttribute('aria-rowindex')) - 2, key: el.getAttribute('data-row-key') ?? '', y: new DOMMatrix(getComputedStyle(el).transform).m42, focused: el.getAttribute('data-focused') === 'true' })),
      );
    // Rows are drawn in reused elements: whichever element holds a row, it must sit at that row's
    // place, and no row may show twice or be skipped between the first and last drawn.
    const checkWhole = async (label: string) => {
      const rows = (await drawn()).sort((a, b) => a.index - b.index);
      expect(new Set(rows.map((r) => r.key)).size, `${label}: a row drawn twice`).toBe(rows.length);
      rows.forEach((r, i) => {
        expect(r.index, `${label}: rows drawn without a gap`).toBe(rows[0]!.index + i);
        expect(r.y, `${label}: row ${r.index} in its place`).toBe(r.index * 32);
      });
      const cursor = rows.find((r) => r.focused);
      expect(cursor, `${label}: the cursor is drawn`).toBeDefined();
      const box = await images.rows.and(page.locator('[data-focused="true"]')).boundingBox();
      const table = await images.table.boundingBox();
      expect(box!.y >= table!.y && box!.y + box!.height <= table!.y + table!.height, `${label}: the cursor in view`).toBe(true);
      return { rows, cursor: cursor! };
    };
    // A key moves the cursor first and the view scrolls to it on the next frames: judge the rows once
    // they have had a moment to follow, but fail if they never do.
    const expectWhole = async (label: string) => {
      await expect(async () => void (await checkWhole(label))).toPass({ timeout: 3_000 });
      return checkWhole(label);
    };
    await images.rows.first().click();
    for (let i = 1; i <= 4; i++) {
      await page.keyboard.press('PageDown');
      await expectWhole(`PageDown ×${i}`);
    }
    await page.keyboard.press('End');
    expect((await expectWhole('End')).cursor.index).toBe(count - 1);
    await page.keyboard.press('PageUp');
    await expectWhole('PageUp');
    await page.keyboard.press('Home');
    expect((await expectWhole('Home')).cursor.index).toBe(0);
  });

  test('beside the details panel, tags, ages and in-use marks are not cut and the ID column gives way', async ({ images, details }) => {
    await images.waitForList();
    // The list is virtualised and the long name sorts far down: find it, then show every row again.
    await images.filterBy('oauth2-authorization-server');
    await images.openDetails(images.rowFor(`${LONG_REPO}:latest`));
    await images.filterBy('');
    await expect(details.root).toBeVisible();
    await expect(images.columnHeader('id')).toBeHidden();
    // Ages, in-use marks, usual tags and the last segment of usual names fit; anything longer is cut
    // with its full text on hover.
    for (const r of (await images.rows.all()).slice(0, 25)) {
      const key = await r.getAttribute('data-row-key');
      for (const cell of ['.col-created .cell-text', '[data-testid="use-marks"]']) {
        const target = r.locator(cell);
        if ((await target.count()) > 0) expect(await isCut(target), `${cell} of ${key}`).toBe(false);
      }
      for (const [cell, usual] of [['.col-tag .cell-text', 12], ['.repo-name', 24]] as const) {
        const target = r.locator(cell);
        if ((await target.count()) === 0) continue;
        const text = (await target.textContent()) ?? '';
        if (text.length <= usual) expect(await isCut(target), `${cell} "${text}" of ${key}`).toBe(false);
        else expect(await r.locator(cell === '.repo-name' ? '.repo-text' : cell).getAttribute('title')).toContain(text);
      }
    }
    // Every tag of the long-named image can be read in full in the panel.
    for (const tag of ['latest', '1.2']) await expect(details.root.getByTestId('overview-tags').getByText(`${LONG_REPO}:${tag}`, { exact: true })).toBeVisible();
    // The filter still says what it filters.
    const placeholderFits = await images.filter.evaluate((el: HTMLInputElement) => {
      const probe = document.createElement('span');
      probe.style.font = getComputedStyle(el).font;
      probe.style.position = 'absolute';
      probe.style.whiteSpace = 'pre';
      probe.textContent = el.placeholder;
      document.body.append(probe);
      const fits = probe.getBoundingClientRect().width <= el.clientWidth - parseFloat(getComputedStyle(el).paddingLeft) - parseFloat(getComputedStyle(el).paddingRight);
      probe.remove();
      return fits;
    });
    expect(placeholderFits).toBe(true);
  });

  test('beside the details panel, at 1,024 to 1,440 px and in both languages, no button is out of sight and the name is not cut to a letter', async ({ images, details, page }) => {
    await images.waitForList();
    await images.openDetails(images.rowFor('realistic/built-api:2.3.1'));
    for (const language of ['en', 'zh-CN'] as const) {
      await images.setLanguage(language);
      for (const width of [1024, 1280, 1440]) {
        await page.setViewportSize({ width, height: 800 });
        await settle(page);
        const where = `${language} at ${width} px`;
        // Each button is whole inside its own bar: nothing is clipped at the edge or pushed off it.
        for (const [bar, buttons] of [
          [page.locator('.toolbar'), page.locator('.toolbar-row-actions button')],
          [details.root.locator('.details-header'), details.root.locator('.details-header button')],
        ] as const) {
          const box = (await bar.boundingBox())!;
          for (const button of await buttons.all()) {
            const b = (await button.boundingBox())!;
            const name = (await button.getAttribute('data-testid')) ?? (await button.textContent());
            expect(b.x >= box.x - 1 && b.x + b.width <= box.x + box.width + 1, `${name}, ${where}`).toBe(true);
            expect(b.y >= box.y - 1 && b.y + b.height <= box.y + box.height + 1, `${name}, ${where}`).toBe(true);
          }
        }
        expect(await isCut(details.root.locator('.details-title')), `the panel title, ${where}`).toBe(false);
      }
    }
    await images.setLanguage('en');
  });

  test('a prune preview of every unused image fits its dialog: the summary first, names wrapped, the list virtualised', { tag: '@smoke' }, async ({ ops, page }) => {
    // The set was just loaded: on the containerd store this first preview may read every image through
    // `docker save`, which takes seconds (and says so while it does).
    await ops.previewPrune({ all: true, labels: [`label=${REALISTIC_LABEL}`] }, 90_000);
    const plan = ops.pruneDialog.getByTestId('prune-plan');
    await expect(plan).toBeVisible();
    const total = ops.pruneTotal;
    // The summary is in view without scrolling past the images.
    const dialogBox = (await ops.pruneDialog.boundingBox())!;
    const totalBox = (await total.boundingBox())!;
    expect(totalBox.y).toBeGreaterThanOrEqual(dialogBox.y);
    expect(totalBox.y + totalBox.height).toBeLessThanOrEqual(dialogBox.y + dialogBox.height);
    // Nothing is wider than the dialog.
    const body = ops.pruneDialog.locator('.dialog-body');
    expect(await body.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    // Well over a hundred images, drawn only as far as they are in view.
    const list = ops.pruneDialog.locator('.plan-images');
    await expect(list).toHaveAttribute('data-virtual', 'true');
    const heading = await ops.pruneDialog.locator('.plan-heading').first().textContent();
    const listed = Number(/(\d+)/.exec(heading ?? '')?.[1]);
    expect(listed).toBeGreaterThan(100);
    expect(await ops.prunePlanImages.count()).toBeLessThan(listed);
    // A long registry name wraps inside its cell instead of widening the table.
    await ops.pruneDialog.getByTestId('plan-scroll').evaluate((el) => el.scrollTo({ top: 0 }));
    for (const line of (await ops.prunePlanImages.all()).slice(0, 8)) {
      const names = (await line.locator('.plan-line-names').boundingBox())!;
      for (const chip of await line.locator('.chip').all()) {
        const box = (await chip.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(names.x + names.width + 1);
      }
    }
    // Scrolling to the end reaches the last image.
    await ops.pruneDialog.getByTestId('plan-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect(ops.prunePlanImages.last()).toBeVisible();
    await settle(page);
  });

  test('cleaning up a repository with no row selected asks which one, instead of picking the first', async ({ images, ops }) => {
    await images.waitForList();
    await ops.openCleanup('repository');
    await expect(ops.removeDialog.getByTestId('remove-choose-repository')).toBeVisible();
    await expect(ops.removeDialog.getByTestId('remove-plan')).toHaveCount(0);
    await expect(ops.removeConfirm).toBeDisabled();
    await ops.removeDialog.getByTestId('cleanup-repository-select').selectOption(LONG_REPO);
    const tags = docker(['images', LONG_REPO, '--format', '{{.Tag}}']).split('\n').filter(Boolean);
    expect(tags.length).toBeGreaterThan(1);
    await expect(ops.removeDialog.getByTestId('remove-target')).toHaveCount(tags.length);
  });
});

test.describe('screenshots at a realistic scale', { tag: '@screens' }, () => {
  const OUT = path.join(REPO, 'docs', 'screenshots');
  for (const { language, file, theme } of [
    { language: 'en', file: 'en', theme: 'light' },
    { language: 'zh-CN', file: 'zh', theme: 'dark' },
  ] as const) {
    test(`prune preview of ~160 images and the list beside the details, ${language}, ${theme}`, async ({ images, details, ops, page }) => {
      await images.waitForList();
      await images.setLanguage(language);
      await images.setTheme(theme);
      // The list is virtualised and the long name sorts far down: find it, then show every row again.
      await images.filterBy('oauth2-authorization-server');
      await images.openDetails(images.rowFor(`${LONG_REPO}:latest`));
      await images.filterBy('');
      await expect(details.root).toBeVisible();
      await settle(page);
      await page.screenshot({ path: path.join(OUT, `scale-details-${file}-${theme}.png`) });
      await page.keyboard.press('Escape');
      await ops.previewPrune({ all: true, labels: [`label=${REALISTIC_LABEL}`] }, 90_000);
      await expect(ops.prunePlanImages.first()).toBeVisible();
      await settle(page);
      await page.screenshot({ path: path.join(OUT, `scale-prune-preview-${file}-${theme}.png`) });
    });
  }
});
