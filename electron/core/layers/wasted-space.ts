import type { WasteEvent, WastedPath, WastedSpace } from '../../../shared/layer-types';
import { parentOf, type LayerChange, type LayerContents } from './layer-stack';

interface DivePath {
  count: number;
  cumulative: number;
  min: number;
}

/** The folders something in the layer sits under: dive's leaves are the entries that are none of these, and whiteouts. */
function parentsIn(layer: LayerContents): Set<string> {
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
  return parents;
}

/*
 * Most paths are touched once, and an image can hold millions: a path's first event is kept as one
 * number (size, layer, action) and a dive path seen once as its size, not as objects. Sizes past
 * 2^32 or layer numbers past 2^19 take the object form.
 */
const LAYER_BITS = 2 ** 20;
const encodable = (e: WasteEvent) => e.size < 2 ** 32 && e.layer < LAYER_BITS / 2;
const encode = (e: WasteEvent) => e.size * LAYER_BITS + e.layer * 2 + (e.action === 'removed' ? 1 : 0);
const decode = (n: number): WasteEvent => ({ size: Math.floor(n / LAYER_BITS), layer: Math.floor((n % LAYER_BITS) / 2), action: n % 2 === 1 ? 'removed' : 'written' });

/**
 * Two views of the bytes an image carries for nothing. Ours: for each path more than one layer
 * touched, every copy a build could have avoided, i.e. all but the one that stays (all of them when
 * the path ends up removed). dive's, for comparison: the sum of every copy of such a path, the one
 * that must stay included, and an efficiency of Σ smallest copy ÷ Σ all copies over all paths.
 */
export class WasteLedger {
  private readonly events = new Map<string, number | WasteEvent[]>();
  private readonly dive = new Map<string, number | DivePath>();

  /**
   * @param whiteoutSizes  for each whiteout of the layer, what dive counts for it: the bytes of the
   *   directory tree it hid, or 0 when it hid a file (dive's own rule), read before the layer applied
   */
  record(index: number, layer: LayerContents, changes: LayerChange[], whiteoutSizes: Map<string, number>): void {
    for (const c of changes) {
      if (c.entry.kind === 'dir') continue;
      const event: WasteEvent = { layer: index, action: c.change === 'removed' ? 'removed' : 'written', size: c.entry.size };
      const known = this.events.get(c.path);
      if (known === undefined) this.events.set(c.path, encodable(event) ? encode(event) : [event]);
      else if (Array.isArray(known)) known.push(event);
      else this.events.set(c.path, [decode(known), event]);
    }
    const parents = parentsIn(layer);
    for (const e of layer.entries) if (!parents.has(e.path)) this.diveSeen(e.path, e.size);
    for (const w of layer.whiteouts) this.diveSeen(w, whiteoutSizes.get(w) ?? 0);
  }

  private diveSeen(path: string, size: number): void {
    const seen = this.dive.get(path);
    if (seen === undefined) this.dive.set(path, size);
    else if (typeof seen === 'number') this.dive.set(path, { count: 2, cumulative: seen + size, min: Math.min(seen, size) });
    else {
      seen.count += 1;
      seen.cumulative += size;
      seen.min = Math.min(seen.min, size);
    }
  }

  summary(isPresent: (path: string) => boolean, top: number): WastedSpace {
    let minimum = 0;
    let all = 0;
    let diveWasted = 0;
    for (const d of this.dive.values()) {
      if (typeof d === 'number') {
        minimum += d;
        all += d;
        continue;
      }
      minimum += d.min;
      all += d.cumulative;
      if (d.count >= 2) diveWasted += d.cumulative;
    }
    const paths: WastedPath[] = [];
    let avoidable = 0;
    for (const [path, known] of this.events) {
      if (!Array.isArray(known) || known.length < 2) continue;
      const present = isPresent(path);
      const writes = known.filter((e) => e.action === 'written');
      const kept = present ? (writes[writes.length - 1]?.size ?? 0) : 0;
      const bytes = writes.reduce((sum, e) => sum + e.size, 0) - kept;
      avoidable += bytes;
      const dive = this.dive.get(path);
      paths.push({ path, files: 1, avoidableBytes: bytes, diveBytes: dive !== undefined && typeof dive !== 'number' ? dive.cumulative : 0, events: known, final: present ? 'present' : 'removed' });
    }
    const pathCount = paths.length;
    const grouped = groupByFolder(paths, isPresent);
    grouped.sort((a, b) => b.avoidableBytes - a.avoidableBytes || b.diveBytes - a.diveBytes || (a.path < b.path ? -1 : 1));
    return { avoidableBytes: avoidable, dive: { wastedBytes: diveWasted, efficiency: all === 0 ? 1 : minimum / all }, pathCount, paths: grouped.slice(0, top) };
  }
}

/**
 * One row for the files of a folder that the same layers touched the same way: `rm -rf /build` of a
 * tree written in one layer is one reason, not thousands of rows. A deleted file is grouped under the
 * highest folder that is gone too (the one the build deleted); a file still present under its own folder.
 */
export function groupByFolder(paths: readonly WastedPath[], isPresent: (path: string) => boolean): WastedPath[] {
  const groups = new Map<string, WastedPath[]>();
  for (const p of paths) {
    let folder = parentOf(p.path);
    if (p.final === 'removed') for (let up = folder; up !== '' && !isPresent(up); up = parentOf(up)) folder = up;
    const pattern = p.events.map((e) => `${e.layer}${e.action === 'removed' ? '-' : '+'}`).join(',');
    const key = `${folder}\0${p.final}\0${pattern}`;
    const members = groups.get(key);
    if (members) members.push(p);
    else groups.set(key, [p]);
  }
  const out: WastedPath[] = [];
  for (const [key, members] of groups) {
    if (members.length === 1) {
      out.push(members[0]!);
      continue;
    }
    const [first] = members;
    out.push({
      path: key.slice(0, key.indexOf('\0')),
      files: members.length,
      avoidableBytes: members.reduce((sum, m) => sum + m.avoidableBytes, 0),
      diveBytes: members.reduce((sum, m) => sum + m.diveBytes, 0),
      // Same layers, same actions, in the same order for every member: sizes add up event by event.
      events: first!.events.map((e, i) => ({ ...e, size: members.reduce((sum, m) => sum + m.events[i]!.size, 0) })),
      final: first!.final,
    });
  }
  return out;
}
