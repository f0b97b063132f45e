import type { ChangeKind, FileFacts } from '../../../shared/layer-types';

/** One tar entry of a layer (its path never empty). */
export type LayerEntry = FileFacts;

/** A layer as read: what it writes, and the whiteouts (`.wh.name`) and opaque markers (`.wh..wh..opq`) it carries. */
export interface LayerContents {
  entries: LayerEntry[];
  /** Paths a `.wh.<name>` hides. */
  whiteouts: string[];
  /** Directories a `.wh..wh..opq` empties of everything below. */
  opaques: string[];
}

export interface FileState {
  entry: LayerEntry;
  /** The layer that last wrote it. */
  layer: number;
}

export interface LayerChange {
  path: string;
  change: ChangeKind;
  /** The new entry; for a removal, the entry that was hidden. */
  entry: LayerEntry;
}

export const parentOf = (path: string): string => {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
};
export const nameOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

const sameDirectory = (a: LayerEntry, b: LayerEntry) => a.kind === 'dir' && b.kind === 'dir' && a.mode === b.mode && a.uid === b.uid && a.gid === b.gid;

const implicitDir = (path: string): LayerEntry => ({ path, kind: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0, link: null });

/**
 * The filesystem as the layers applied so far leave it, with overlay semantics: an opaque directory
 * hides everything below it, a whiteout hides a path and all under it, a non-directory replaces a
 * directory whole. Applying a layer answers what it changed relative to the layers below.
 */
export class Stacker {
  readonly files = new Map<string, FileState>();
  /** Names directly under each directory ('' is the root): removing a directory must find its subtree. */
  readonly children = new Map<string, Set<string>>();

  /** Every path at and under `path`, deepest first, as they are now. */
  subtree(path: string): string[] {
    const out: string[] = [];
    const visit = (p: string) => {
      const names = this.children.get(p);
      if (names) for (const name of names) visit(p === '' ? name : `${p}/${name}`);
      if (p !== '') out.push(p);
    };
    visit(path);
    return out;
  }

  private link(path: string): void {
    const parent = parentOf(path);
    let names = this.children.get(parent);
    if (!names) {
      names = new Set();
      this.children.set(parent, names);
    }
    names.add(nameOf(path));
  }

  private unlink(path: string): void {
    this.files.delete(path);
    this.children.delete(path);
    this.children.get(parentOf(path))?.delete(nameOf(path));
  }

  /** Removes `path` and everything under it; answers what was removed, deepest first. */
  private removeTree(path: string): FileState[] {
    const removed: FileState[] = [];
    for (const p of this.subtree(path)) {
      const state = this.files.get(p);
      if (state) removed.push(state);
      this.unlink(p);
    }
    return removed;
  }

  apply(layer: LayerContents, index: number): LayerChange[] {
    const changes = new Map<string, LayerChange>();
    const hidden = (states: FileState[]) => {
      for (const s of states) changes.set(s.entry.path, { path: s.entry.path, change: 'removed', entry: s.entry });
    };
    const opaque = new Set(layer.opaques);
    for (const dir of opaque) {
      const names = [...(this.children.get(dir) ?? [])];
      for (const name of names) hidden(this.removeTree(dir === '' ? name : `${dir}/${name}`));
      // The folder was emptied and made again by this layer, even when it kept its mode and owner.
      const state = dir === '' ? undefined : this.files.get(dir);
      if (state) {
        this.files.set(dir, { entry: state.entry, layer: index });
        changes.set(dir, { path: dir, change: 'modified', entry: state.entry });
      }
    }
    for (const path of layer.whiteouts) if (this.files.has(path)) hidden(this.removeTree(path));
    for (const entry of layer.entries) {
      const before = this.files.get(entry.path);
      const earlier = changes.get(entry.path);
      if (before && before.entry.kind === 'dir' && entry.kind !== 'dir') {
        // A file where a directory was: everything that was under it goes with it.
        hidden(this.removeTree(entry.path).filter((s) => s.entry.path !== entry.path));
      }
      if (before && sameDirectory(before.entry, entry)) {
        if (opaque.has(entry.path)) this.files.set(entry.path, { entry, layer: index });
        continue;
      }
      // Parents a hand-made tar left out exist all the same.
      for (let p = parentOf(entry.path); p !== '' && !this.files.has(p); p = parentOf(p)) {
        this.files.set(p, { entry: implicitDir(p), layer: index });
        this.link(p);
        changes.set(p, { path: p, change: changes.get(p)?.change === 'removed' ? 'modified' : 'added', entry: implicitDir(p) });
      }
      this.files.set(entry.path, { entry, layer: index });
      this.link(entry.path);
      // Hidden and written again by one layer: to the layers below, it changed. Listed twice: the last copy counts.
      const change: ChangeKind = earlier ? (earlier.change === 'added' ? 'added' : 'modified') : before ? 'modified' : 'added';
      changes.set(entry.path, { path: entry.path, change, entry });
    }
    return [...changes.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
}
