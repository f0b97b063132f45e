import { expect, type Locator, type Page } from '@playwright/test';

export type DetailsTab = 'overview' | 'layers' | 'inspect';

/** The side panel for one image: Overview, Layers (history) and Inspect (raw JSON) tabs. */
export class DetailsPanel {
  readonly root: Locator;
  readonly closeButton: Locator;
  readonly overviewTags: Locator;
  readonly overviewId: Locator;
  readonly layerRows: Locator;
  readonly emptyLayerRows: Locator;
  readonly inspectSearch: Locator;
  readonly inspectTree: Locator;
  readonly inspectCopy: Locator;
  /** The command this tab corresponds to, e.g. `docker history --no-trunc …`. */
  readonly commandText: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('details-panel');
    this.closeButton = this.root.getByTestId('details-close');
    this.overviewTags = this.root.getByTestId('overview-tags');
    this.overviewId = this.root.getByTestId('overview-id');
    this.layerRows = this.root.getByTestId('layer-row');
    this.emptyLayerRows = this.root.locator('[data-testid="layer-row"][data-empty-layer="true"]');
    this.inspectSearch = this.root.getByTestId('inspect-search');
    this.inspectTree = this.root.getByTestId('inspect-tree');
    this.inspectCopy = this.root.getByTestId('inspect-copy');
    this.commandText = this.root.getByTestId('command-hint').getByTestId('command-text');
  }

  tab(name: DetailsTab): Locator {
    return this.root.getByTestId(`tab-${name}`);
  }

  async showTab(name: DetailsTab): Promise<void> {
    await this.tab(name).click();
    await expect(this.tab(name)).toHaveAttribute('aria-selected', 'true');
  }

  async close(): Promise<void> {
    await this.closeButton.click();
    await expect(this.root).toBeHidden();
  }
}
