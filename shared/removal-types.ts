/** What a removal or prune will do (preview) or did (result), in the engine's own vocabulary. */

export interface ContainerBrief {
  id: string;
  name: string;
  /** running, exited, created, paused… as the engine says. */
  state: string;
  /** Unix seconds. */
  created: number;
  imageId: string;
  image: string;
}

export type ConflictKind =
  | 'multiple-repositories'
  | 'running-container'
  | 'stopped-container'
  | 'container-using-reference'
  | 'child-images'
  | 'other';

export interface ConflictExplanation {
  kind: ConflictKind;
  /** What the user asked to remove. */
  target: string;
  imageId: string;
  /** Whether `docker rmi -f` would get past it (running containers and child images block even force). */
  forceable: boolean;
  containers: ContainerBrief[];
  children: { id: string; tags: string[] }[];
  /** Other tags of the image, for "referenced in several repositories". */
  tags: string[];
  /** The engine's words. */
  detail: string;
}

export interface DeletedImage {
  id: string;
  /** The references that went with it. */
  tags: string[];
  size: number;
  /**
   * Bytes of the layers that went with this image, including those of untagged parents the engine
   * prunes along with it (shared layers stay with the images that keep them).
   */
  freedBytes: number;
  created: number;
  /** Set on an untagged parent that goes only because the named image went: that image's ID. */
  prunedWith?: string;
}

/**
 * What the byte figures count. `layers`: the legacy store's unpacked layers (what `docker image prune`
 * reports there). `content`: the containerd store's content blobs — compressed layers, configs and
 * manifests — which is what its prune reports; the unpacked snapshots it also frees are not counted.
 */
export type StorageAccounting = 'layers' | 'content';

/**
 * Why a preview cannot be exact on this engine, and the range it can vouch for. `tag-time`: the
 * containerd store prunes by when each name was created, which its API does not expose.
 * `content-unknown`: the content blobs of some images could not be read.
 */
export interface PlanUncertainty {
  reason: 'tag-time' | 'content-unknown';
  minBytes: number;
  maxBytes: number;
  /** Images that go in the widest case but not the narrowest. */
  maybeImages: string[];
  /** Names that go in the widest case but not the narrowest. */
  maybeRefs: string[];
}

export interface RemovalPlan {
  /** The docker command(s) this corresponds to, for the user to read and copy. */
  command: string;
  images: DeletedImage[];
  /** References that go while their image stays (it has other tags, or a container holds it). */
  untagOnly: { ref: string; imageId: string; remainingTags: string[] }[];
  conflicts: ConflictExplanation[];
  totalBytes: number;
  /** Storage that goes (legacy: layer chain IDs; containerd: content blob digests) → bytes, to check against the engine's report. */
  layers: { chainId: string; size: number }[];
  accounting: StorageAccounting;
  /** Targets the engine has no image for: `docker rmi` answers "No such image" for each. */
  notFound?: string[];
  /**
   * Images that stay although an image they are built on goes (the containerd store allows it): they
   * keep working on their own copy of its layers, but lose their parent.
   */
  keptChildren?: { parentId: string; children: { id: string; tags: string[] }[] }[];
  /** Set when the exact outcome cannot be known beforehand; totalBytes is then the widest case. */
  uncertainty?: PlanUncertainty;
}

export interface RemovalOutcome {
  target: string;
  ok: boolean;
  untagged: string[];
  deleted: string[];
  conflict?: ConflictExplanation;
  /** Non-conflict failures (not found, engine error). */
  error?: { code: string; message: string; detail?: string };
  /** When only a tag went: the tags the image still has (so the UI can say it stays). */
  remainingTags?: string[];
  /** Images the engine reported deleted that are still there without a name (containerd keeps an image others are built on). */
  keptUntagged?: string[];
}

/** What a removal really freed, to set beside the preview's figure. */
export interface FreedReport {
  bytes: number;
  /** Storage units that went: layers (legacy) or content blobs (containerd). */
  units: number;
  /**
   * `engine`: the layers the engine itself reported deleting, at the sizes its layer store gave them.
   * `measured`: the store's content before and after compared — the containerd store's `docker rmi`
   * reports no storage at all.
   */
  source: 'engine' | 'measured';
  accounting: StorageAccounting;
}

export interface RemovalReport {
  outcomes: RemovalOutcome[];
  /** Null when the store could not be read before or after (the outcomes stand regardless). */
  freed: FreedReport | null;
}

export interface PruneResult {
  deletedImageIds: string[];
  untagged: string[];
  deletedLayerIds: string[];
  spaceReclaimed: number;
  /**
   * Images the engine took off its list but whose content it still keeps on disk (containerd store:
   * another lease holds it, such as an interrupted `docker save` on Docker before 27.4).
   */
  contentHeldIds: string[];
  /** How the result differs from the preview computed just before; empty when it matches exactly. */
  differences: PruneDifference[];
  plan: RemovalPlan;
}

export interface PruneFilters {
  /** false: dangling only (the default); true: every image without a container (`-a`). */
  all: boolean;
  /** Go duration (24h, 90m) or a timestamp, as `--filter until=…` takes it. */
  until?: string;
  /** label=key, label=key=value, label!=key… as `--filter` takes them. */
  labels?: string[];
}

export type PruneDifferenceKind = 'deleted-not-previewed' | 'previewed-kept' | 'content-held' | 'untagged-not-previewed' | 'previewed-untag-missing' | 'space';

/** One way the engine's report differs from a preview, as data so each language can phrase it. */
export interface PruneDifference {
  kind: PruneDifferenceKind;
  /** An image ID or a reference; empty for the space difference. */
  subject: string;
  previewedBytes?: number;
  reportedBytes?: number;
}
