import type { ImageStore } from './engine-types';
/** One image as the engine lists it: one entry per image ID, with all its tags. */
export interface ImageSummary {
  id: string;
  parentId: string;
  repoTags: string[];
  repoDigests: string[];
  /** Unix seconds. */
  created: number;
  size: number;
  labels: Record<string, string>;
  /** Number of containers using it, or -1 when the engine did not count. */
  containers: number;
}

/** The list's rows for a few images, read after engine events named them. */
export interface ImageSummaries {
  found: ImageSummary[];
  /** References the engine no longer knows: those images were deleted. */
  gone: string[];
  /** False when some row could not be read as the list would show it: list everything instead. */
  exact: boolean;
  /**
   * The containerd store only: the ID of every image `docker images -f dangling=true` shows now. There
   * the parent link belongs to each of an image's names, and the list reports the link of one name
   * only, so removing a name can show an untagged parent that it hid, and no event names that parent.
   * An untagged image in `found` is one of these (the store lists every one it does not hide).
   */
  dangling?: string[];
}

/** One row of the images table, like one line of `docker images`. */
export interface ImageRow {
  /** Stable key: image id plus the reference shown. */
  key: string;
  imageId: string;
  repository: string;
  tag: string;
  /** The repository's digest when known (`repo@sha256:…`), else ''. */
  digest: string;
  created: number;
  size: number;
  /** Untagged and not a parent of anything listed: what `docker images -f dangling=true` shows. */
  dangling: boolean;
  /** Every tag of this image, so the UI can say "3 tags". */
  tagCount: number;
  /** The image's labels (shared with its summary), for `label=` in the filter box. */
  labels?: Readonly<Record<string, string>>;
}

export interface HistoryEntry {
  /** Layer-producing image id, or '<missing>' as the CLI shows for layers built elsewhere. */
  id: string;
  created: number;
  createdBy: string;
  size: number;
  comment: string;
  tags: string[];
  /** True for history entries that made no filesystem layer (ENV, CMD, LABEL…). */
  emptyLayer: boolean;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface ImageDetails {
  id: string;
  repoTags: string[];
  repoDigests: string[];
  parent: string;
  /** The parent link names an image that is no longer there (the containerd store keeps such links). */
  parentGone?: boolean;
  created: string;
  size: number;
  architecture: string;
  variant: string;
  os: string;
  author: string;
  dockerVersion: string;
  cmd: string[] | null;
  entrypoint: string[] | null;
  env: string[];
  exposedPorts: string[];
  workingDir: string;
  user: string;
  labels: Record<string, string>;
  layers: string[];
  /** The engine's full inspect document, untouched. */
  raw: JsonValue;
}

/** What an image holds on its store: platforms, and (containerd) the bytes of its content blobs. */
export interface ImageContentFacts {
  store: ImageStore['kind'];
  /** "linux/amd64", "linux/arm64/v8"… */
  platforms: string[];
  /** Compressed layers, configs and manifests together; null on the legacy store (or when unreadable). */
  contentBytes: number | null;
}
