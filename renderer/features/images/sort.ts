import type { ImageRow } from '../../../shared/image-types';

export const SORT_COLUMNS = ['repository', 'tag', 'id', 'created', 'size'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export interface SortState {
  column: SortColumn;
  desc: boolean;
}

/** Newest first, like `docker images`. */
export const DEFAULT_SORT: SortState = { column: 'created', desc: true };

/** Numbers read best biggest/newest first; names alphabetically. */
export function firstDirectionDesc(column: SortColumn): boolean {
  return column === 'created' || column === 'size';
}

/** Clicking the sorted column flips it; clicking another starts at its natural direction. */
export function nextSort(current: SortState, clicked: SortColumn): SortState {
  if (current.column === clicked) return { column: clicked, desc: !current.desc };
  return { column: clicked, desc: firstDirectionDesc(clicked) };
}

const NONE = '<none>';

// Fixed locale so the order does not depend on the machine; numeric so app2 sorts before app10.
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

/** `<none>` always sinks below real names in ascending order, so untagged rows cluster at one end. */
function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  if (a === NONE) return 1;
  if (b === NONE) return -1;
  return collator.compare(a, b) || (a < b ? -1 : 1);
}

function comparePrimary(column: SortColumn, a: ImageRow, b: ImageRow): number {
  switch (column) {
    case 'repository':
      return compareNames(a.repository, b.repository);
    case 'tag':
      return compareNames(a.tag, b.tag);
    case 'id':
      return a.imageId < b.imageId ? -1 : a.imageId > b.imageId ? 1 : 0;
    case 'created':
      return a.created - b.created;
    case 'size':
      return a.size - b.size;
  }
}

/**
 * The direction applies to the chosen column only; ties fall back to a fixed order (newest, then
 * repository, tag, key) so rows never jump around between refreshes.
 */
export function compareRows(sort: SortState, a: ImageRow, b: ImageRow): number {
  const primary = comparePrimary(sort.column, a, b);
  if (primary !== 0) return sort.desc ? -primary : primary;
  // Within one repository the tags read in order (1.2 before 1.10), whichever way repositories go.
  if (sort.column === 'repository') {
    const tag = compareNames(a.tag, b.tag);
    if (tag !== 0) return tag;
  }
  return b.created - a.created || compareNames(a.repository, b.repository) || compareNames(a.tag, b.tag) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

export function sortRows<R extends ImageRow>(rows: readonly R[], sort: SortState): R[] {
  return [...rows].sort((a, b) => compareRows(sort, a, b));
}
