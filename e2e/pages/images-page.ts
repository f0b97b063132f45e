import { expect, type Locator, type Page } from '@playwright/test';

export type Column = 'repository' | 'tag' | 'id' | 'created' | 'size';

export interface RowData {
  repository: string;
  tag: string;
  imageId: string;
  selected: boolean;
  focused: boolean;
  text: string;
}

/** The image list: header controls, filter bar, table and the list's docker command hint. */
export class ImagesPage {
  readonly header: Locator;
  readonly engineStatus: Locator;
  readonly languageSelect: Locator;
  readonly themeSelect: Locator;
  readonly linkLostBanner: Locator;
  readonly filter: Locator;
  /** Docker Desktop's split of the list: All · In use · Unused · Dangling. */
  readonly usageFilter: (kind: 'all' | 'in-use' | 'unused' | 'dangling') => Locator;
  readonly allToggle: Locator;
  readonly count: Locator;
  readonly refreshButton: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  /** The engine has no images at all. */
  readonly empty: Locator;
  /** The engine has images, but the filter or a toggle hides them all. */
  readonly noMatch: Locator;
  readonly error: Locator;
  /** The list's own command hint (the details panel has another). */
  readonly commandHint: Locator;
  readonly commandText: Locator;
  readonly commandCopy: Locator;

  constructor(readonly page: Page) {
    this.header = page.getByTestId('app-header');
    this.engineStatus = page.getByTestId('engine-status');
    this.languageSelect = page.getByTestId('language-select');
    this.themeSelect = page.getByTestId('theme-select');
    this.linkLostBanner = page.getByTestId('link-lost-banner');
    this.filter = page.getByTestId('images-filter');
    this.usageFilter = (kind) => page.getByTestId(`usage-filter-${kind}`);
    this.allToggle = page.getByTestId('toggle-all');
    this.count = page.getByTestId('images-count');
    this.refreshButton = page.getByTestId('images-refresh');
    this.table = page.getByTestId('images-table');
    this.rows = page.getByTestId('image-row');
    this.empty = page.getByTestId('images-empty');
    this.noMatch = page.getByTestId('images-no-match');
    this.error = page.getByTestId('images-error');
    this.commandHint = page.locator('xpath=//*[@data-testid="command-hint"][not(ancestor::*[@data-testid="details-panel"])]');
    this.commandText = this.commandHint.getByTestId('command-text');
    this.commandCopy = this.commandHint.getByTestId('command-copy');
  }

  /** The row for `repository:tag` (untagged rows: tag `<none>`). */
  row(repository: string, tag: string): Locator {
    return this.page.locator(`[data-testid="image-row"][data-repository="${cssEscape(repository)}"][data-tag="${cssEscape(tag)}"]`);
  }

  /** The row for a reference written like the CLI's `repo:tag`. */
  rowFor(reference: string): Locator {
    const at = reference.lastIndexOf(':');
    return this.row(reference.slice(0, at), reference.slice(at + 1));
  }

  rowsOfImage(imageId: string): Locator {
    return this.page.locator(`[data-testid="image-row"][data-image-id="${cssEscape(imageId)}"]`);
  }

  get untaggedRows(): Locator {
    return this.page.locator('[data-testid="image-row"][data-repository="<none>"][data-tag="<none>"]');
  }

  get focusedRow(): Locator {
    return this.page.locator('[data-testid="image-row"][data-focused="true"]');
  }

  columnHeader(column: Column): Locator {
    return this.page.getByTestId(`column-${column}`);
  }

  /** Waits until the engine answered and the first rows are drawn. */
  async waitForList(): Promise<void> {
    await expect(this.rows.first()).toBeVisible();
  }

  /** What each drawn row says about itself (the table may draw only the rows in view). */
  async rowData(): Promise<RowData[]> {
    return this.rows.evaluateAll((els) =>
      els.map((el) => ({
        repository: el.getAttribute('data-repository') ?? '',
        tag: el.getAttribute('data-tag') ?? '',
        imageId: el.getAttribute('data-image-id') ?? '',
        selected: el.getAttribute('data-selected') === 'true',
        focused: el.getAttribute('data-focused') === 'true',
        text: (el as HTMLElement).innerText,
      })),
    );
  }

  /** How many rows the list holds after filtering (the table draws only those in view). */
  async rowCount(): Promise<number> {
    return Number(await this.count.getAttribute('data-rows'));
  }

  /** Index of the keyboard cursor among the drawn rows, -1 when no row has it. */
  async focusedIndex(): Promise<number> {
    return (await this.rowData()).findIndex((r) => r.focused);
  }

  /** Puts the keyboard cursor on a row by clicking it, then opens its details with Enter. */
  async openDetails(row: Locator): Promise<void> {
    await row.click();
    await expect(row).toHaveAttribute('data-focused', 'true');
    await this.page.keyboard.press('Enter');
    await expect(this.page.getByTestId('details-panel')).toBeVisible();
  }

  async filterBy(text: string): Promise<void> {
    await this.filter.fill(text);
  }

  async setLanguage(language: 'en' | 'zh-CN'): Promise<void> {
    await this.languageSelect.selectOption(language);
  }

  async setTheme(theme: 'system' | 'light' | 'dark'): Promise<void> {
    await this.themeSelect.selectOption(theme);
  }
}

function cssEscape(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}
