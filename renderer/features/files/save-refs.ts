import { NONE } from '../../../shared/image-rows';
import type { ImageRow } from '../../../shared/image-types';

/** What `docker save` is given for rows: their names, or the image ID for a row without one. */
export function saveRefs(rows: readonly ImageRow[]): string[] {
  return [...new Set(rows.map((r) => (r.tag !== NONE ? `${r.repository}:${r.tag}` : r.imageId)))];
}
