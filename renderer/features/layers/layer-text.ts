import type { HistoryEntry } from '../../../shared/image-types';
import type { HistoryStep, LayerFileKind, WastedPath } from '../../../shared/layer-types';

/** A history step's command without the legacy builder's `/bin/sh -c #(nop) ` noise; RUN steps read as `RUN …`. */
export function cleanCommand(createdBy: string): string {
  const text = createdBy.trim();
  const nop = /^\/bin\/sh -c #\(nop\)\s*/.exec(text);
  if (nop) return text.slice(nop[0].length).trim();
  const shell = /^\/bin\/sh -c\s+/.exec(text);
  if (shell) return `RUN ${text.slice(shell[0].length)}`;
  return text;
}

/** `drwxr-xr-x`, as `ls -l` shows it (setuid, setgid and sticky included). */
export function modeString(kind: LayerFileKind, mode: number): string {
  const type = kind === 'dir' ? 'd' : kind === 'symlink' ? 'l' : kind === 'other' ? '?' : '-';
  const bit = (m: number, c: string) => (mode & m ? c : '-');
  const special = (m: number, exec: number, on: string, off: string, normal: string) => (mode & m ? (mode & exec ? on : off) : mode & exec ? normal : '-');
  return [
    type,
    bit(0o400, 'r'),
    bit(0o200, 'w'),
    special(0o4000, 0o100, 's', 'S', 'x'),
    bit(0o040, 'r'),
    bit(0o020, 'w'),
    special(0o2000, 0o010, 's', 'S', 'x'),
    bit(0o004, 'r'),
    bit(0o002, 'w'),
    special(0o1000, 0o001, 't', 'T', 'x'),
  ].join('');
}

/** One reason, as a key of `insight.wasted.reasons` and its values: layers are shown counting from 1. */
export type WasteReason = { key: 'overwritten' | 'deleted' | 'rewrittenDeleted' | 'deletedRewritten'; values: { from: number; to: number; times: number; removed?: number } };

/** Why a path counts as wasted: written and overwritten, added and deleted, or both. */
export function wasteReason(path: WastedPath): WasteReason {
  const writes = path.events.filter((e) => e.action === 'written');
  const first = (writes[0] ?? path.events[0]!).layer + 1;
  const last = path.events[path.events.length - 1]!.layer + 1;
  if (path.final === 'present') {
    // Deleted on the way and written again later: say so, it is not a plain overwrite.
    const removal = path.events.find((e) => e.action === 'removed');
    if (removal) return { key: 'deletedRewritten', values: { from: first, to: last, times: writes.length, removed: removal.layer + 1 } };
    return { key: 'overwritten', values: { from: first, to: last, times: writes.length } };
  }
  return { key: writes.length > 1 ? 'rewrittenDeleted' : 'deleted', values: { from: first, to: last, times: writes.length } };
}

/**
 * What `docker history` says of each layer, bottom first, for the layer list to show beside its own
 * figure. The Engine API's history is the image config's, newest first: paired entry by entry with the
 * config's steps, which say which made a layer. Null when the two do not line up.
 */
export function historySizes(steps: readonly HistoryStep[], api: readonly Pick<HistoryEntry, 'size'>[], layers: number): number[] | null {
  if (api.length !== steps.length) return null;
  const sizes = new Array<number>(layers).fill(0);
  const oldestFirst = [...api].reverse();
  steps.forEach((step, i) => {
    if (step.layer !== null && step.layer < layers) sizes[step.layer] = oldestFirst[i]!.size;
  });
  return sizes;
}
