import { expect, type Locator, type Page } from '@playwright/test';

export type DiskKind = 'images' | 'containers' | 'volumes' | 'buildCache';

/** The Disk usage view (docker system df): the bars and table per kind, and the two image lists. */
export class DiskUsagePage {
  readonly tab: Locator;
  readonly root: Locator;
  readonly loading: Locator;
  readonly result: Locator;
  readonly status: Locator;
  readonly refresh: Locator;
  readonly bars: Locator;
  readonly rows: Locator;
  readonly biggest: Locator;
  readonly reclaimable: Locator;
  readonly prune: Locator;
  /** Every docker command the view teaches. */
  readonly commands: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByTestId('view-disk');
    this.root = page.getByTestId('disk-page');
    this.loading = this.root.getByTestId('disk-loading');
    this.result = this.root.getByTestId('disk-result');
    this.status = this.root.getByTestId('disk-status');
    this.refresh = this.root.getByTestId('disk-refresh');
    this.bars = this.root.getByTestId('disk-bar');
    this.rows = this.root.getByTestId('disk-row');
    this.biggest = this.root.getByTestId('disk-biggest');
    this.reclaimable = this.root.getByTestId('disk-reclaimable');
    this.prune = this.root.getByTestId('disk-prune');
    this.commands = this.root.getByTestId('command-text');
  }

  async open(): Promise<void> {
    await this.tab.click();
    await expect(this.tab).toHaveAttribute('aria-current', 'page');
    await expect(this.root).toBeVisible();
  }

  /** Waits for figures that are current: measured, and not being measured again. */
  async waitForResult(): Promise<void> {
    await expect(this.result).toHaveAttribute('data-stale', 'false', { timeout: 60_000 });
    await expect(this.refresh).toBeEnabled();
  }

  row(kind: DiskKind): Locator {
    return this.root.locator(`[data-testid="disk-row"][data-kind="${kind}"]`);
  }

  /** The image rows of one list. */
  images(list: Locator): Locator {
    return list.getByTestId('disk-image');
  }
}
