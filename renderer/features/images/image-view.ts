import type { ImageRow } from '../../../shared/image-types';
import { matchesFilter } from '../../../shared/image-rows';

export interface ViewFilter {
  text: string;
  danglingOnly: boolean;
}

export function filterRows(rows: readonly ImageRow[], filter: ViewFilter): ImageRow[] {
  return rows.filter((row) => (!filter.danglingOnly || row.dangling) && matchesFilter(row, filter.text));
}

/** `docker images` counts rows; users also want to know how many distinct images those are. */
export function countView(rows: readonly ImageRow[]): { images: number; rows: number } {
  return { images: new Set(rows.map((r) => r.imageId)).size, rows: rows.length };
}
