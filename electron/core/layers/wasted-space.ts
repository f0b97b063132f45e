import type { WasteEvent, WastedPath, WastedSpace } from '../../../shared/layer-types';
import { parentOf, type LayerChange, type LayerContents } from './layer-stack';

interface DivePath {
  count: number;
  cumulative: number;
  min: number;
}

/** The paths dive sees in one layer: the leaves of the layer's own tree (entries nothing else in the layer sits under, and whiteouts). */
function diveLeaves(layer: LayerContents): { path: string; size: number; whiteout: boolean }[] {
  const parents = new Set<string>();
  const addParents = (path: string) => {
    for (let p = parentOf(path); p !== '' && !parents.has(p); p = parentOf(p)) parents.add(p);
  };
  for (const e of layer.entries) addParents(e.path);
  for (const w of layer.whiteouts) addParents(w);
  // dive skips the opaque marker itself, but the directory holding it has a child all the same.
  for (const o of layer.opaques) {
    if (o === '') continue;
    parents.add(o);
    addParents(o);
  }
  return [
    ...layer.entries.filter((e) => !parents.has(e.path)).map((e) => ({ path: e.path, size: e.size, whiteout: false })),
    ...layer.whiteouts.map((w) => ({ path: w, size: 0, whiteout: true })),
  ];
}

/**
 * Two views of the bytes an image carries for nothing. Ours: for each path more than one layer
 * touched, every copy a build could have avoided, i.e. all but the one that stays (all of them when
 * the path ends up removed). dive's, for comparison: the sum of every copy of such a path, the one
 * that must stay included, and an efficiency of Σ smallest copy ÷ Σ all copies over all paths.
 */
export class WasteLedger {
  private readonly events = new Map<string, WasteEvent | WasteEvent[]>();
  private readonly dive = new Map<string, DivePath>();

  /**
   * @param whiteoutSizes  for each whiteout of the layer, what dive counts for it: the bytes of the
   *   directory tree it hid, or 0 when it hid a file (dive's own rule), read before the layer applied
   */
  record(index: number, layer: LayerContents, changes: LayerChange[], whiteoutSizes: Map<string, number>): void {
    for (const c of changes) {
      if (c.entry.kind === 'dir') continue;
      const event: WasteEvent = { layer: index, action: c.change === 'removed' ? 'removed' : 'written', size: c.entry.size };
      const known = this.events.get(c.path);
      if (known === undefined) this.events.set(c.path, event);
      else if (Array.isArray(known)) known.push(event);
      else this.events.set(c.path, [known, event]);
    }
    for (const leaf of diveLeaves(layer)) {
      const size = leaf.whiteout ? (whiteoutSizes.get(leaf.path) ?? 0) : leaf.size;
      const seen = this.dive.get(leaf.path);
      if (seen) {
        seen.count += 1;
        seen.cumulative += size;
        seen.min = Math.min(seen.min, size);
      } else {
        this.dive.set(leaf.path, { count: 1, cumulative: size, min: size });
      }
    }
  }

  summary(isPresent: (path: string) => boolean, top: number): WastedSpace {
    let minimum = 0;
    let all = 0;
    let diveWasted = 0;
    for (const d of this.dive.values()) {
      minimum += d.min;
      all += d.cumulative;
      if (d.count >= 2) diveWasted += d.cumulative;
    }
    const paths: WastedPath[] = [];
    let avoidable = 0;
    for (const [path, known] of this.events) {
      if (!Array.isArray(known)) continue;
      const present = isPresent(path);
      const writes = known.filter((e) => e.action === 'written');
      const kept = present ? (writes[writes.length - 1]?.size ?? 0) : 0;
      const bytes = writes.reduce((sum, e) => sum + e.size, 0) - kept;
      avoidable += bytes;
      const dive = this.dive.get(path);
      paths.push({ path, avoidableBytes: bytes, diveBytes: dive && dive.count >= 2 ? dive.cumulative : 0, events: known, final: present ? 'present' : 'removed' });
    }
    const pathCount = paths.length;
    paths.sort((a, b) => b.avoidableBytes - a.avoidableBytes || b.diveBytes - a.diveBytes || (a.path < b.path ? -1 : 1));
    return { avoidableBytes: avoidable, dive: { wastedBytes: diveWasted, efficiency: all === 0 ? 1 : minimum / all }, pathCount, paths: paths.slice(0, top) };
  }
}
