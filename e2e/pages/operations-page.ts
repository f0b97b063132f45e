import { spawnSync } from 'node:child_process';
import { expect, type Locator, type Page } from '@playwright/test';
import { currentE2EEnv } from '../support/env';

export type CleanupKind = 'dangling' | 'repository' | 'before' | 'since';
export type RowAction = 'tag' | 'untag' | 'remove';

/** The image operations: tag, remove/untag (with their plan and results), clean-up and prune dialogs. */
export class OperationsPage {
  readonly tagDialog: Locator;
  readonly tagInput: Locator;
  readonly tagProblem: Locator;
  readonly tagNormalized: Locator;
  readonly tagSubmit: Locator;

  readonly removeDialog: Locator;
  readonly planImages: Locator;
  readonly planUntags: Locator;
  readonly conflicts: Locator;
  /** The toolbar's bulk button, shown while rows are selected. */
  readonly removeSelected: Locator;
  readonly targets: Locator;
  readonly uncheckAllTargets: Locator;
  readonly removeConfirm: Locator;
  readonly removeForce: Locator;
  readonly forceEffects: Locator;
  readonly removeForceConfirm: Locator;
  readonly removeResults: Locator;

  readonly cleanupMenu: Locator;

  readonly pruneOpen: Locator;
  readonly pruneDialog: Locator;
  readonly pruneModeAll: Locator;
  readonly pruneUntil: Locator;
  readonly pruneLabels: Locator;
  readonly prunePreview: Locator;
  readonly prunePlanImages: Locator;
  readonly pruneTotal: Locator;
  readonly pruneConfirm: Locator;
  readonly pruneResult: Locator;
  readonly pruneReclaimed: Locator;
  readonly pruneMatches: Locator;
  readonly pruneDifferences: Locator;

  constructor(readonly page: Page) {
    this.tagDialog = page.getByTestId('tag-dialog');
    this.tagInput = this.tagDialog.getByTestId('tag-input');
    this.tagProblem = this.tagDialog.getByTestId('tag-problem');
    this.tagNormalized = this.tagDialog.getByTestId('tag-normalized');
    this.tagSubmit = this.tagDialog.getByTestId('tag-submit');

    this.removeDialog = page.getByTestId('remove-dialog');
    this.planImages = this.removeDialog.getByTestId('remove-plan-image');
    this.planUntags = this.removeDialog.getByTestId('remove-plan-untag');
    this.conflicts = this.removeDialog.getByTestId('remove-conflict');
    this.removeSelected = page.getByTestId('remove-selected');
    this.targets = this.removeDialog.getByTestId('remove-target');
    this.uncheckAllTargets = this.removeDialog.getByTestId('remove-targets-none');
    this.removeConfirm = this.removeDialog.getByTestId('remove-confirm');
    this.removeForce = this.removeDialog.getByTestId('remove-force');
    this.forceEffects = this.removeDialog.getByTestId('force-effects');
    this.removeForceConfirm = this.removeDialog.getByTestId('remove-force-confirm');
    this.removeResults = this.removeDialog.getByTestId('remove-results');

    this.cleanupMenu = page.getByTestId('cleanup-menu');

    this.pruneOpen = page.getByTestId('prune-open');
    this.pruneDialog = page.getByTestId('prune-dialog');
    this.pruneModeAll = this.pruneDialog.getByTestId('prune-mode-all');
    this.pruneUntil = this.pruneDialog.getByTestId('prune-until');
    this.pruneLabels = this.pruneDialog.getByTestId('prune-labels');
    this.prunePreview = this.pruneDialog.getByTestId('prune-preview');
    this.prunePlanImages = this.pruneDialog.getByTestId('prune-plan-image');
    this.pruneTotal = this.pruneDialog.getByTestId('prune-total');
    this.pruneConfirm = this.pruneDialog.getByTestId('prune-confirm');
    this.pruneResult = this.pruneDialog.getByTestId('prune-result');
    this.pruneReclaimed = this.pruneDialog.getByTestId('prune-reclaimed');
    this.pruneMatches = this.pruneDialog.getByTestId('prune-matches');
    this.pruneDifferences = this.pruneDialog.getByTestId('prune-differences');
  }

  /** The docker command a dialog teaches (each dialog shows one at a time). */
  command(dialog: Locator): Locator {
    return dialog.getByTestId('command-hint').getByTestId('command-text');
  }

  closeButton(dialog: Locator): Locator {
    return dialog.getByTestId('dialog-close');
  }

  /** One of a row's action buttons (they show on hover; clicking hovers first). */
  rowAction(row: Locator, action: RowAction): Locator {
    return row.getByTestId(`action-${action}`);
  }

  planImage(imageId: string): Locator {
    return this.removeDialog.locator(`[data-testid="remove-plan-image"][data-image-id="${imageId}"]`);
  }

  planUntag(ref: string): Locator {
    return this.removeDialog.locator(`[data-testid="remove-plan-untag"][data-ref="${ref}"]`);
  }

  target(target: string): Locator {
    return this.removeDialog.locator(`[data-testid="remove-target"][data-target="${target}"]`);
  }

  result(target: string): Locator {
    return this.removeDialog.locator(`[data-testid="remove-result"][data-target="${target}"]`);
  }

  prunePlanImage(imageId: string): Locator {
    return this.pruneDialog.locator(`[data-testid="prune-plan-image"][data-image-id="${imageId}"]`);
  }

  async openCleanup(kind: CleanupKind): Promise<void> {
    await this.cleanupMenu.click();
    await this.page.getByTestId(`cleanup-${kind}`).click();
    await expect(this.removeDialog).toBeVisible();
  }

  /** Waits until the dialog holds a plan that is no longer being recomputed. */
  async waitForPlan(): Promise<void> {
    await expect(this.removeDialog.locator('[data-busy="idle"]')).toBeVisible();
  }

  /** `timeout`: how long the preview may take (a first preview of hundreds of images takes seconds). */
  async previewPrune(filters: { all: boolean; until?: string; labels?: string[] }, timeout?: number): Promise<void> {
    await this.pruneOpen.click();
    await expect(this.pruneDialog).toBeVisible();
    if (filters.all) await this.pruneModeAll.check();
    if (filters.until !== undefined) await this.pruneUntil.fill(filters.until);
    if (filters.labels) await this.pruneLabels.fill(filters.labels.join('\n'));
    await this.prunePreview.click();
    const answer = this.pruneTotal.or(this.pruneDialog.getByTestId('prune-nothing'));
    // A preview answers soon, or says why it takes long.
    await expect(answer.or(this.pruneDialog.getByTestId('plan-waiting-why'))).toBeVisible();
    await expect(answer).toBeVisible(timeout ? { timeout } : undefined);
  }

  /** The byte count an element carries in data-bytes / data-freed-bytes. */
  async bytes(locator: Locator, attribute = 'data-bytes'): Promise<number> {
    return Number(await locator.getAttribute(attribute));
  }
}

/**
 * `docker build` of a Dockerfile given as lines, with no context, on the private engine and with the
 * legacy builder (the test engine has no BuildKit). Returns the image ID.
 */
export function buildImage(tag: string, lines: string[]): string {
  const env = currentE2EEnv();
  const r = spawnSync('docker', ['build', '-q', '--network', 'none', '--force-rm', '-t', tag, '-'], {
    env: { ...process.env, DOCKER_HOST: env.dockerHost, DOCKER_CONFIG: env.dockerConfig, DOCKER_BUILDKIT: '0' },
    input: lines.join('\n') + '\n',
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`docker build -t ${tag} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout.trim();
}

/**
 * An image of one layer of `bytes` random bytes on `from`, made with `docker commit` so it has no
 * intermediate build images (a preview then lists exactly the images a reader expects).
 */
export function commitImage(tag: string, from: string, bytes: number, label?: string): string {
  const env = currentE2EEnv();
  const run = (args: string[]) => {
    const r = spawnSync('docker', args, { env: { ...process.env, DOCKER_HOST: env.dockerHost, DOCKER_CONFIG: env.dockerConfig }, encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`docker ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
    return r.stdout.trim();
  };
  const container = `e2e-commit-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  run(['run', '--name', container, '--network', 'none', from, 'sh', '-c', `head -c ${bytes} /dev/urandom > /data`]);
  try {
    return run(['commit', ...(label ? ['-c', `LABEL ${label}`] : []), '-c', 'CMD ["/bin/sh"]', container, tag]);
  } finally {
    run(['rm', container]);
  }
}
