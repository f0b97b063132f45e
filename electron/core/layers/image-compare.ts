import type { ImageCompare } from '../../../shared/layer-types';
import { stackedTo, type AnalysedImage } from './layer-analysis';
import type { LayerEntry } from './layer-stack';

/** Changes listed at most; the totals still count every one. */
export const COMPARE_LISTED = 5000;

const differs = (a: LayerEntry, b: LayerEntry) => a.kind !== b.kind || a.size !== b.size || a.mode !== b.mode || a.uid !== b.uid || a.gid !== b.gid || a.link !== b.link;

/**
 * What turns image A's final filesystem into image B's, and which layers they share. Content is
 * compared by type, size, mode, owner and link target: a layer tar carries no per-file digest, so two
 * files of one size whose bytes differ look the same here (the shared-layers line tells when whole
 * layers are identical).
 */
export function compareImages(a: AnalysedImage, b: AnalysedImage, limit = COMPARE_LISTED): ImageCompare {
  const idsA = a.summary.layers.map((l) => l.diffId);
  const idsB = b.summary.layers.map((l) => l.diffId);
  const inB = new Set(idsB);
  const inA = new Set(idsA);
  const filesA = stackedTo(a, a.contents.length - 1).files;
  const filesB = stackedTo(b, b.contents.length - 1).files;
  const changes: ImageCompare['changes'] = [];
  let added = 0;
  let removed = 0;
  for (const [path, { entry }] of filesB) {
    const before = filesA.get(path)?.entry;
    if (!before) {
      added += entry.size;
      changes.push({ path, change: 'added', kind: entry.kind, sizeA: null, sizeB: entry.size });
    } else if (entry.kind === 'dir' && before.kind === 'dir') {
      continue;
    } else if (differs(before, entry)) {
      added += Math.max(0, entry.size - before.size);
      removed += Math.max(0, before.size - entry.size);
      changes.push({ path, change: 'modified', kind: entry.kind, sizeA: before.size, sizeB: entry.size });
    }
  }
  for (const [path, { entry }] of filesA) {
    if (filesB.has(path)) continue;
    removed += entry.size;
    changes.push({ path, change: 'removed', kind: entry.kind, sizeA: entry.size, sizeB: null });
  }
  changes.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  return {
    sharedLayers: idsA.filter((id) => inB.has(id)).length,
    onlyA: idsA.filter((id) => !inB.has(id)),
    onlyB: idsB.filter((id) => !inA.has(id)),
    changes: changes.slice(0, limit),
    totalChanges: changes.length,
    addedBytes: added,
    removedBytes: removed,
  };
}
