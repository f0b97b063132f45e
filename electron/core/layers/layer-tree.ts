import type { ChangeKind, TreeNode, TreePage, TreeView } from '../../../shared/layer-types';
import { stackedTo, type AnalysedImage } from './layer-analysis';
import { nameOf, parentOf, type FileState } from './layer-stack';
import type { LayerEntry } from './layer-stack';

const NAMES = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

export interface TreeFilter {
  /** Case-insensitive part of the path; empty keeps everything. */
  text: string;
  /** Change kinds kept; all three (or none given) keep everything, unchanged entries included. */
  kinds: ChangeKind[];
}

/** One view of one layer, indexed by directory: built once, then each expanded folder is a lookup. */
export class TreeIndex {
  private readonly nodes = new Map<string, TreeNode>();
  private readonly children = new Map<string, string[]>();
  private readonly sorted = new Set<string>();
  matches = 0;

  /** @param factsOf  an ancestor's own mode and owner, for folders shown only to lead to a match */
  constructor(private readonly factsOf: (path: string) => FileState | undefined) {}

  add(entry: LayerEntry, change: ChangeKind | null, layer: number): void {
    const existing = this.nodes.get(entry.path);
    const node: TreeNode = { name: nameOf(entry.path), path: entry.path, kind: entry.kind, size: entry.kind === 'dir' ? (existing?.size ?? 0) : entry.size, mode: entry.mode, uid: entry.uid, gid: entry.gid, link: entry.link, change, layer, children: existing?.children ?? 0 };
    this.matches += 1;
    if (existing) {
      this.nodes.set(entry.path, node);
    } else {
      this.nodes.set(entry.path, node);
      this.attach(entry.path);
    }
    if (entry.kind === 'dir') return;
    // Bytes written count in every folder above; bytes removed only in folders removed with them.
    for (let p = parentOf(entry.path); p !== ''; p = parentOf(p)) {
      const parent = this.nodes.get(p)!;
      if (change === 'removed' && parent.change !== 'removed') break;
      parent.size += entry.size;
    }
  }

  private attach(path: string): void {
    const parent = parentOf(path);
    if (parent !== '' && !this.nodes.has(parent)) {
      // An ancestor shown only to reach what matched: no change of its own.
      const facts = this.factsOf(parent);
      const e = facts?.entry;
      this.nodes.set(parent, { name: nameOf(parent), path: parent, kind: 'dir', size: 0, mode: e?.mode ?? 0o755, uid: e?.uid ?? 0, gid: e?.gid ?? 0, link: null, change: null, layer: facts?.layer ?? 0, children: 0 });
      this.attach(parent);
    }
    let list = this.children.get(parent);
    if (!list) {
      list = [];
      this.children.set(parent, list);
    }
    list.push(path);
    if (parent !== '') this.nodes.get(parent)!.children += 1;
    this.sorted.delete(parent);
  }

  /** Folders first, then by name, as file managers list them. */
  page(dir: string, offset: number, limit: number): TreePage {
    const list = this.children.get(dir) ?? [];
    if (!this.sorted.has(dir)) {
      // Kind first, then name: a numeric collator over a combined key would read a leading
      // digit of the name as part of the kind (folder "20" after file "3").
      const rank = (path: string): number => (this.nodes.get(path)!.kind === 'dir' ? 0 : 1);
      // file_2 before file_10, as file managers order names.
      list.sort((a, b) => rank(a) - rank(b) || NAMES.compare(this.nodes.get(a)!.name, this.nodes.get(b)!.name));
      this.sorted.add(dir);
    }
    return { dir, nodes: list.slice(offset, offset + limit).map((p) => this.nodes.get(p)!), total: list.length, offset, matches: this.matches };
  }
}

function keeps(filter: TreeFilter, path: string, change: ChangeKind | null): boolean {
  const allKinds = filter.kinds.length === 0 || filter.kinds.length === 3;
  if (!allKinds && (change === null || !filter.kinds.includes(change))) return false;
  return filter.text === '' || path.toLowerCase().includes(filter.text.toLowerCase());
}

/**
 * "This layer's changes": what the layer added, modified and removed, under the folders that lead
 * to them. "The whole filesystem": everything layers 0..layer leave, each marked with what this layer
 * did to it, plus what this layer removed.
 */
export function buildTree(image: AnalysedImage, layer: number, view: TreeView, filter: TreeFilter): TreeIndex {
  const stacker = stackedTo(image, layer);
  const index = new TreeIndex((path) => stacker.files.get(path));
  const changes = image.changes[layer] ?? [];
  if (view === 'changes') {
    for (const c of changes) if (keeps(filter, c.path, c.change)) index.add(c.entry, c.change, layer);
    return index;
  }
  const changeOf = new Map(changes.map((c) => [c.path, c.change] as const));
  // Parents before children, so a folder is in place when its files roll their sizes up.
  const paths = [...stacker.files.keys()].sort();
  for (const path of paths) {
    const state = stacker.files.get(path)!;
    const change = changeOf.get(path) ?? null;
    if (keeps(filter, path, change)) index.add(state.entry, change, state.layer);
  }
  for (const c of changes) if (c.change === 'removed' && keeps(filter, c.path, 'removed')) index.add(c.entry, 'removed', layer);
  return index;
}
