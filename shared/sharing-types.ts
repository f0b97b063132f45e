/** Which local images share which layers, and what removing each one alone frees (see electron/core/layers/layer-sharing.ts). */

export interface SharingImage {
  id: string;
  /** Tags first, then digests; empty for an untagged image. */
  names: string[];
  containers: number;
  /** Layers in the image's filesystem. */
  layers: number;
  /** Every storage unit the image holds, each counted once; null when its content could not be read. */
  totalBytes: number | null;
  /** Units at least one other image also holds. */
  sharedBytes: number | null;
  /** Units no other image holds. */
  uniqueBytes: number | null;
  /**
   * What `docker rmi` of this image alone frees: its unique bytes, or nothing when images are built on
   * it (the engine then only untags it, or keeps it untagged).
   */
  freesBytes: number | null;
  /** Images built on this one (their parent is this image): they keep it. */
  children: number;
  /** Other images holding at least one of its units. */
  sharedWith: number;
}

/**
 * A run of layers that a set of images all start with. The tree of groups is every image's layer list,
 * bottom first, with runs no image branches from or ends at folded into one group.
 */
export interface SharingGroup {
  /** Stable for the run's top layer (its chain ID or content digest path). */
  key: string;
  /** Layers this group adds above its parent group. */
  layers: number;
  /** Their bytes, each layer counted once. */
  bytes: number;
  /** Images whose whole layer list ends here: the base images of everything below this group. */
  images: string[];
  /** Images at or under this group. */
  dependants: number;
  children: SharingGroup[];
}

export interface LayerSharing {
  /** What a unit is: legacy layers by chain ID, or the containerd store's content blobs by digest. */
  accounting: 'layers' | 'content';
  images: SharingImage[];
  /** Bottom groups, the most depended on first. Images without layers are not in the tree. */
  roots: SharingGroup[];
  /** Every unit of the images counted once, and the part of it held by more than one image. */
  totalBytes: number;
  sharedBytes: number;
  /** Images whose content could not be read: their bytes are left out of every figure. */
  unknown: number;
  /** Milliseconds. */
  measuredAt: number;
}

export interface SharingProgress {
  phase: 'reading-images' | 'grouping';
}
