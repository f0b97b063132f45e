import type { ImageRow } from '../../../shared/image-types';
import { rowReference } from '../../../shared/image-rows';
import { shortId } from '../../../shared/format';
import { useEngine } from '../../stores/engine-store';
import { usePrune } from '../../stores/prune-store';
import { useRemoval } from '../../stores/removal-store';
import { useTag } from '../../stores/tag-store';
import { refsForRows } from './bulk';

/** The ways into the operations, shared by row buttons, the details panel, the toolbar and the keys. */

/** Without an engine the list on screen is the past: nothing may act on it. */
const live = () => useEngine.getState().status?.state === 'connected';

export function openTag(row: ImageRow): void {
  if (!live()) return;
  useTag.getState().open({ ref: rowReference(row), imageId: row.imageId });
}

export function openUntag(ref: string): void {
  if (!live()) return;
  useRemoval.getState().start({ selection: { kind: 'refs', refs: [ref] }, purpose: 'untag' });
}

/** `docker rmi` of rows as the list names them (a tag untags; an untagged row goes by ID). */
export function openRemoveRows(rows: readonly ImageRow[]): void {
  if (!live()) return;
  const refs = refsForRows(rows);
  if (refs.length > 0) useRemoval.getState().start({ selection: { kind: 'refs', refs }, purpose: 'remove' });
}

/** `docker rmi ID`: the image itself, as the details panel shows it, whatever its tags. */
export function openRemoveImage(imageId: string): void {
  if (!live()) return;
  useRemoval.getState().start({ selection: { kind: 'refs', refs: [shortId(imageId)] }, purpose: 'remove' });
}

/** null: no repository is suggested; the dialog asks the user to choose one. */
export function openRemoveRepository(repository: string | null): void {
  if (!live()) return;
  useRemoval.getState().start({ selection: { kind: 'repository', repository: repository ?? '' }, purpose: 'remove' });
}

export function openRemoveDangling(): void {
  if (!live()) return;
  useRemoval.getState().start({ selection: { kind: 'dangling' }, purpose: 'remove' });
}

export function openRemoveRelative(kind: 'before' | 'since', row: ImageRow): void {
  if (!live()) return;
  useRemoval.getState().start({ selection: { kind, ref: rowReference(row) }, purpose: 'remove' });
}

export function openPrune(): void {
  if (!live()) return;
  usePrune.getState().show();
}

/** `docker image prune -a`: the preview opens on every image no container uses (what disk usage calls reclaimable). */
export function openPruneUnused(): void {
  if (!live()) return;
  usePrune.getState().show({ all: true });
}
