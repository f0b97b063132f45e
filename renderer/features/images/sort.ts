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
function collate(a: string, b: string): number {
  if (a === b) return 0;
  if (a === NONE) return 1;
  if (b === NONE) return -1;
  return collator.compare(a, b) || (a < b ? -1 : 1);
}

/**
 * Every name's place in collation order, kept between sorts: sorting 20,000 rows asked the collator
 * a quarter of a million times (most of a live update's time), where ranked names compare as integers.
 * A name not seen before is placed by binary search, so a patched list costs a few collator calls.
 */
class NameRanks {
  private sorted: string[] = [];
  private ranks = new Map<string, number>();

  /** Makes sure every name has a rank; returns the ranks to compare with. */
  cover(names: Iterable<string>): ReadonlyMap<string, number> {
    const fresh = new Set<string>();
    let seen = 0;
    for (const name of names) {
      seen++;
      if (!this.ranks.has(name)) fresh.add(name);
    }
    if (fresh.size === 0) return this.ranks;
    // Many new names (the first list, or a very different one): one sort of everything is cheaper;
    // the cache also starts over then, so names long gone do not pile up.
    if (fresh.size > 64 || this.sorted.length > 4 * seen) {
      this.sorted = [...new Set(names)].sort(collate);
    } else {
      for (const name of fresh) this.sorted.splice(this.insertionPoint(name), 0, name);
    }
    this.ranks = new Map(this.sorted.map((name, i) => [name, i]));
    return this.ranks;
  }

  private insertionPoint(name: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (collate(this.sorted[mid]!, name) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

const nameRanks = new NameRanks();
let currentRanks: ReadonlyMap<string, number> | null = null;

function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  const ra = currentRanks?.get(a);
  const rb = currentRanks?.get(b);
  return ra !== undefined && rb !== undefined ? ra - rb : collate(a, b);
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

function* namesOf(rows: readonly ImageRow[]): Generator<string> {
  for (const r of rows) {
    yield r.repository;
    yield r.tag;
  }
}

export function sortRows<R extends ImageRow>(rows: readonly R[], sort: SortState): R[] {
  currentRanks = nameRanks.cover(namesOf(rows));
  try {
    return [...rows].sort((a, b) => compareRows(sort, a, b));
  } finally {
    currentRanks = null;
  }
}
