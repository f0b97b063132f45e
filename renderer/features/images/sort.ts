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
 * a quarter of a million times (most of a live update's time), where ranked names compare as numbers.
 * A name not seen before is placed by binary search and ranked halfway between its neighbours, so a
 * patched list costs a few collator calls and no renumbering.
 */
class NameRanks {
  private sorted: string[] = [];
  private ranks = new Map<string, number>();

  /** Makes sure every name has a rank; returns the ranks to compare with. */
  cover(names: readonly string[]): ReadonlyMap<string, number> {
    const fresh = new Set<string>();
    for (const name of names) if (!this.ranks.has(name)) fresh.add(name);
    if (fresh.size === 0) return this.ranks;
    // Many new names (the first list, or a very different one): one sort of everything is cheaper;
    // the cache also starts over then, so names long gone do not pile up.
    if (fresh.size > 64 || this.sorted.length > 4 * names.length) {
      this.sorted = [...new Set(names)].sort(collate);
      this.renumber();
    } else {
      for (const name of fresh) this.insert(name);
    }
    return this.ranks;
  }

  private insert(name: string): void {
    const at = this.insertionPoint(name);
    const below = at > 0 ? this.ranks.get(this.sorted[at - 1]!)! : -1;
    const above = at < this.sorted.length ? this.ranks.get(this.sorted[at]!)! : below + 2;
    this.sorted.splice(at, 0, name);
    const rank = (below + above) / 2;
    // Halving has run out of room between two neighbours: number everything afresh.
    if (rank <= below || rank >= above) this.renumber();
    else this.ranks.set(name, rank);
  }

  private renumber(): void {
    this.ranks = new Map(this.sorted.map((name, i) => [name, i]));
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

function comparePrimary(column: SortColumn, a: ImageRow, b: ImageRow): number {
  switch (column) {
    case 'repository':
      return collate(a.repository, b.repository);
    case 'tag':
      return collate(a.tag, b.tag);
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
    const tag = collate(a.tag, b.tag);
    if (tag !== 0) return tag;
  }
  return b.created - a.created || collate(a.repository, b.repository) || collate(a.tag, b.tag) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** A row with its names' ranks beside it, so the sort compares numbers only. */
interface Ranked<R> {
  row: R;
  repository: number;
  tag: number;
}

function compareRanked(sort: SortState, a: Ranked<ImageRow>, b: Ranked<ImageRow>): number {
  const x = a.row;
  const y = b.row;
  let primary: number;
  switch (sort.column) {
    case 'repository':
      primary = a.repository - b.repository;
      break;
    case 'tag':
      primary = a.tag - b.tag;
      break;
    default:
      primary = comparePrimary(sort.column, x, y);
  }
  if (primary !== 0) return sort.desc ? -primary : primary;
  if (sort.column === 'repository' && a.tag !== b.tag) return a.tag - b.tag;
  return y.created - x.created || a.repository - b.repository || a.tag - b.tag || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0);
}

/** compareRows' order, computed with ranked names: the same result, without the collator per pair. */
export function sortRows<R extends ImageRow>(rows: readonly R[], sort: SortState): R[] {
  // Ordered by a number, names only break ties (an image's tags share its creation time): ranking
  // every name first would cost the first list on a big host more than the sort itself.
  if (sort.column !== 'repository' && sort.column !== 'tag') return [...rows].sort((a, b) => compareRows(sort, a, b));
  const names: string[] = [];
  for (const r of rows) names.push(r.repository, r.tag);
  const ranks = nameRanks.cover(names);
  const ranked = rows.map((row) => ({ row, repository: ranks.get(row.repository)!, tag: ranks.get(row.tag)! }));
  ranked.sort((a, b) => compareRanked(sort, a, b));
  return ranked.map((r) => r.row);
}
