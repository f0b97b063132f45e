import type { ImageRow } from '../../../shared/image-types';
import { rowMatcher } from '../../../shared/image-rows';
import type { ImageUse } from '../../stores/containers-store';

/** Docker Desktop's split of the list: every image, the ones containers use, the rest, the dangling. */
export const USAGE_FILTERS = ['all', 'in-use', 'unused', 'dangling'] as const;
export type UsageFilter = (typeof USAGE_FILTERS)[number];

/** A row as the list shows it: the engine's row and the containers that use its image. */
export interface ViewRow extends ImageRow {
  use: ImageUse | null;
}

export interface ViewFilter {
  text: string;
  usage: UsageFilter;
}

const viewRows = new WeakMap<ImageRow, ViewRow>();
const sameUse = (a: ImageUse | null, b: ImageUse | null) => a === b || (a !== null && b !== null && a.running === b.running && a.stopped === b.stopped);

/** Keeps the view row of an unchanged row with unchanged use, so the row on screen need not re-render. */
export function withUse(rows: readonly ImageRow[], uses: ReadonlyMap<string, ImageUse>): ViewRow[] {
  return rows.map((row) => {
    const use = uses.get(row.imageId) ?? null;
    const earlier = viewRows.get(row);
    if (earlier && sameUse(earlier.use, use)) return earlier;
    const view = { ...row, use };
    viewRows.set(row, view);
    return view;
  });
}

function usageMatches(row: ViewRow, usage: UsageFilter): boolean {
  switch (usage) {
    case 'all':
      return true;
    case 'in-use':
      return row.use !== null;
    case 'unused':
      return row.use === null;
    case 'dangling':
      return row.dangling;
  }
}

/** Keeps the rows' order, so a list sorted once stays sorted under every filter. */
export function filterRows<R extends ViewRow>(rows: readonly R[], filter: ViewFilter): R[] {
  if (filter.usage === 'all' && filter.text.trim() === '') return rows as R[];
  const matches = rowMatcher(filter.text);
  return rows.filter((row) => usageMatches(row, filter.usage) && matches(row));
}

/** `docker images` counts rows; users also want to know how many distinct images those are. */
export function countView(rows: readonly ImageRow[]): { images: number; rows: number } {
  return { images: new Set(rows.map((r) => r.imageId)).size, rows: rows.length };
}
