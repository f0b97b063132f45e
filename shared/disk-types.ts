/** What `docker system df` reports, as the `system.df` job answers it. */

/** The four rows of `docker system df`, in its order. */
export const DISK_KINDS = ['images', 'containers', 'volumes', 'buildCache'] as const;
export type DiskKind = (typeof DISK_KINDS)[number];

/** One row of `docker system df`: TYPE, TOTAL, ACTIVE, SIZE, RECLAIMABLE (bytes, not text). */
export interface DiskKindUsage {
  kind: DiskKind;
  /** TOTAL: how many there are. */
  total: number;
  /** ACTIVE: images some container uses, running containers, volumes mounted somewhere, cache in use. */
  active: number;
  /** SIZE, in bytes. */
  size: number;
  /** RECLAIMABLE, in bytes (never more than size). */
  reclaimable: number;
}

/** One image as `docker system df -v` lists it, for the biggest and reclaimable lists. */
export interface DiskImage {
  /** Full ID (sha256:…). */
  id: string;
  /** Its names; empty for an untagged image. */
  repoTags: string[];
  /** SIZE, as `docker images` shows it on the same engine. */
  size: number;
  /** How many containers (running or not) use it: 0 makes it reclaimable. */
  containers: number;
  /** Unix seconds. */
  created: number;
}

export interface DiskUsage {
  /** Always the four kinds, in DISK_KINDS order. */
  kinds: DiskKindUsage[];
  images: DiskImage[];
  /** When the engine answered (ms since the epoch). */
  measuredAt: number;
}
