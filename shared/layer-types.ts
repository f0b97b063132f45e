/** What each layer of an image holds, read from its `docker save` stream (see electron/core/layers). */

export type LayerFileKind = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';
export type ChangeKind = 'added' | 'modified' | 'removed';
export const CHANGE_KINDS = ['added', 'modified', 'removed'] as const satisfies readonly ChangeKind[];

/** A history step of the image config, oldest first; `layer` is null for metadata-only steps (ENV, CMD…). */
export interface HistoryStep {
  createdBy: string;
  created: string | null;
  comment: string | null;
  layer: number | null;
}

export interface LayerSummary {
  /** 0 is the bottom layer. */
  index: number;
  diffId: string;
  /** The layer's bytes in the saved archive (compressed where the store keeps it compressed). */
  archiveBytes: number;
  /** Bytes of the files this layer writes (added or modified). */
  writtenBytes: number;
  added: number;
  modified: number;
  removed: number;
  /** Bytes of the lower layers' files this layer hides. */
  removedBytes: number;
}

export interface WasteEvent {
  layer: number;
  action: 'written' | 'removed';
  /** The copy's size for a write; for a removal, the size of what it hid. */
  size: number;
}

export interface WastedPath {
  /** A file's path; for a group, the folder its files were in. */
  path: string;
  /**
   * 1 for one path. More when several files in one folder were touched by the same layers the same
   * way (a folder deleted whole, a cache rewritten): one row, their bytes summed, not one row each.
   */
  files: number;
  /** Bytes a build could have avoided here: every copy but the one that stays (all of them when removed). */
  avoidableBytes: number;
  /** dive's figure for the path: the sum of every copy, the one that stays included. */
  diveBytes: number;
  events: WasteEvent[];
  final: 'present' | 'removed';
}

export interface WastedSpace {
  avoidableBytes: number;
  /** dive's own figures, for comparison: wasted = Σ every copy of such paths; efficiency = Σ smallest ÷ Σ all. */
  dive: { wastedBytes: number; efficiency: number };
  /** How many paths were touched by more than one layer. */
  pathCount: number;
  /** The most wasteful paths and folder groups, by avoidable bytes, then dive's. */
  paths: WastedPath[];
}

export interface LayerAnalysis {
  imageId: string;
  /** The platform analysed, and every platform the saved image holds completely. */
  platform: string | null;
  platforms: string[];
  layers: LayerSummary[];
  history: HistoryStep[];
  wasted: WastedSpace;
  /** The final filesystem: entries and the bytes of its files. */
  files: number;
  fileBytes: number;
  /** The save stream's bytes, as read. */
  readBytes: number;
}

/** The local image this one was built on, as far as the layers tell. */
export interface BaseImage {
  /** How many bottom layers it shares. */
  layers: number;
  imageId: string;
  name: string | null;
  /** True when all of the other image's layers are this one's bottom layers (a FROM); false for a shared run only. */
  whole: boolean;
}

export type TreeView = 'changes' | 'merged';

/** What a layer's tar says of one entry (path relative to the root, no leading slash). */
export interface FileFacts {
  path: string;
  kind: LayerFileKind;
  size: number;
  /** Permission bits only (0o7777). */
  mode: number;
  uid: number;
  gid: number;
  link: string | null;
}

export interface TreeNode extends FileFacts {
  name: string;
  /** A file's size; a directory's is rolled up from what the view shows under it. */
  size: number;
  /** What the selected layer did to it; null when it comes from a layer below unchanged. */
  change: ChangeKind | null;
  /** The layer that last wrote it (the layer that removed it, for a removal). */
  layer: number;
  /** Entries directly under a directory, in this view. */
  children: number;
}

export interface TreePage {
  dir: string;
  nodes: TreeNode[];
  /** All entries directly under `dir` in this view; `nodes` is the slice asked for. */
  total: number;
  offset: number;
  /** Entries the filter kept in the whole view (a path's ancestors not counted). */
  matches: number;
}

export interface ImageCompare {
  sharedLayers: number;
  /** Layers each image has that the other lacks (bottom-up diff IDs). */
  onlyA: string[];
  onlyB: string[];
  changes: { path: string; change: ChangeKind; kind: LayerFileKind; sizeA: number | null; sizeB: number | null }[];
  /** When there were more changes than `changes` holds. */
  totalChanges: number;
  addedBytes: number;
  removedBytes: number;
}
