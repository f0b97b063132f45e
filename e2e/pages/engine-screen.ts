import type { Locator, Page } from '@playwright/test';

/** What the app shows instead of the list while the Docker Engine cannot be reached. */
export class EngineScreen {
  readonly root: Locator;
  readonly retryButton: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('engine-screen');
    this.retryButton = page.getByTestId('engine-retry');
  }
}
