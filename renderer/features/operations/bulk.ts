import type { ImageRow } from '../../../shared/image-types';
import { rowReference } from '../../../shared/image-rows';

const NONE = '<none>';

/** The repositories on screen, for "remove every tag of a repository". */
export function repositoriesOf(rows: readonly ImageRow[]): string[] {
  const names = new Set(rows.filter((r) => r.repository !== NONE && r.tag !== NONE).map((r) => r.repository));
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * What the Delete key and "Remove selected" act on: the selected rows, or the row under the cursor
 * when nothing is selected. In list order, so the confirmation reads like the list.
 */
export function rowsToRemove(rows: readonly ImageRow[], selected: ReadonlySet<string>, focused: string | null): ImageRow[] {
  if (selected.size > 0) return rows.filter((r) => selected.has(r.key));
  const row = rows.find((r) => r.key === focused);
  return row ? [row] : [];
}

/**
 * The references `docker rmi` is given for rows: a tagged row is its `repo:tag` (removing it untags
 * unless it is the last tag), an untagged row its image ID. Each name once.
 */
export function refsForRows(rows: readonly ImageRow[]): string[] {
  return [...new Set(rows.map(rowReference))];
}

/** How a selection of rows counts: tags (one per tagged row), distinct images, untagged images. */
export function selectionCounts(rows: readonly ImageRow[]): { tags: number; images: number; untagged: number } {
  const tagged = rows.filter((r) => r.tag !== '<none>');
  const untaggedIds = new Set(rows.filter((r) => r.tag === '<none>').map((r) => r.imageId));
  return { tags: tagged.length, images: new Set(tagged.map((r) => r.imageId)).size, untagged: untaggedIds.size };
}
