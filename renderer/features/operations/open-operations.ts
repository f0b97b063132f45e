import type { ImageRow } from '../../../shared/image-types';
import { rowReference } from '../../../shared/image-rows';
import { shortId } from '../../../shared/format';
import { usePrune } from '../../stores/prune-store';
import { useRemoval } from '../../stores/removal-store';
import { useTag } from '../../stores/tag-store';
import { refsForRows } from './bulk';

/** The ways into the operations, shared by row buttons, the details panel, the toolbar and the keys. */

export function openTag(row: ImageRow): void {
  useTag.getState().open({ ref: rowReference(row), imageId: row.imageId });
}

export function openUntag(ref: string): void {
  useRemoval.getState().start({ selection: { kind: 'refs', refs: [ref] }, purpose: 'untag' });
}

/** `docker rmi` of rows as the list names them (a tag untags; an untagged row goes by ID). */
export function openRemoveRows(rows: readonly ImageRow[]): void {
  const refs = refsForRows(rows);
  if (refs.length > 0) useRemoval.getState().start({ selection: { kind: 'refs', refs }, purpose: 'remove' });
}

/** `docker rmi ID`: the image itself, as the details panel shows it, whatever its tags. */
export function openRemoveImage(imageId: string): void {
  useRemoval.getState().start({ selection: { kind: 'refs', refs: [shortId(imageId)] }, purpose: 'remove' });
}

export function openRemoveRepository(repository: string): void {
  useRemoval.getState().start({ selection: { kind: 'repository', repository }, purpose: 'remove' });
}

export function openRemoveDangling(): void {
  useRemoval.getState().start({ selection: { kind: 'dangling' }, purpose: 'remove' });
}

export function openRemoveRelative(kind: 'before' | 'since', row: ImageRow): void {
  useRemoval.getState().start({ selection: { kind, ref: rowReference(row) }, purpose: 'remove' });
}

export function openPrune(): void {
  usePrune.getState().show();
}
