import { isActiveContainer } from '../../../shared/container-state';
import type { DiskImage, DiskKindUsage, DiskUsage } from '../../../shared/disk-types';
import type { RawDf } from './system-df';

const known = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;
const clamp = (value: number, max: number) => Math.min(Math.max(0, value), max);

/**
 * IMAGES. Relied on: the docker CLI's own formula for engines before API 1.52 (docker/cli 28.x,
 * cli/command/formatter/disk_usage.go; checked against `docker system df` of CLI 28.2.2 on both test
 * engines, 20.10 legacy store and 26.1 containerd store):
 *   SIZE        = LayersSize (every layer counted once)
 *   ACTIVE      = images with Containers > 0
 *   RECLAIMABLE = LayersSize − Σ (Size − SharedSize) over the images some container uses,
 * i.e. the space of the images no container uses. We never add up the per-image "unique" sizes of the
 * unused images instead (what the moby client does against API ≥ 1.52): on the containerd store the
 * engine's per-image Size/SharedSize are misattributed (moby #52476; measured on 26.1: Size is content
 * blobs plus unpacked snapshots, SharedSize only the unpacked layers other images use), and that sum
 * came to 4.96 GB of a 2.80 GB store on the 26.1 test engine. Clamped to [0, SIZE] for the same reason.
 */
function imagesRow(df: RawDf): DiskKindUsage {
  const images = df.Images ?? [];
  const size = known(df.LayersSize) ? df.LayersSize : 0;
  let active = 0;
  let used = 0;
  for (const image of images) {
    if (image.Containers <= 0) continue;
    active++;
    if (known(image.Size) && known(image.SharedSize)) used += image.Size - image.SharedSize;
  }
  return { kind: 'images', total: images.length, active, size, reclaimable: clamp(size - used, size) };
}

/** CONTAINERS: writable layers (SizeRw); those of running, paused or restarting containers are in use. */
function containersRow(df: RawDf): DiskKindUsage {
  const containers = df.Containers ?? [];
  let size = 0;
  let used = 0;
  let active = 0;
  for (const c of containers) {
    const rw = known(c.SizeRw) ? c.SizeRw : 0;
    size += rw;
    if (isActiveContainer(c.State ?? '')) {
      active++;
      used += rw;
    }
  }
  return { kind: 'containers', total: containers.length, active, size, reclaimable: size - used };
}

/** LOCAL VOLUMES: a volume some container mounts (RefCount > 0) is in use; -1 sizes are unknown. */
function volumesRow(df: RawDf): DiskKindUsage {
  const volumes = df.Volumes ?? [];
  let size = 0;
  let reclaimable = 0;
  let active = 0;
  for (const v of volumes) {
    const usage = v.UsageData;
    if (!usage) continue;
    if (usage.RefCount > 0) active++;
    if (!known(usage.Size)) continue;
    size += usage.Size;
    if (usage.RefCount <= 0) reclaimable += usage.Size;
  }
  return { kind: 'volumes', total: volumes.length, active, size, reclaimable };
}

/** BUILD CACHE: shared records are counted with the images that own them, not here. */
function buildCacheRow(df: RawDf): DiskKindUsage {
  const records = df.BuildCache ?? [];
  let size = 0;
  let used = 0;
  let active = 0;
  for (const r of records) {
    const bytes = !r.Shared && known(r.Size) ? r.Size : 0;
    size += bytes;
    if (r.InUse) {
      active++;
      used += bytes;
    }
  }
  return { kind: 'buildCache', total: records.length, active, size, reclaimable: size - used };
}

function toDiskImage(image: NonNullable<RawDf['Images']>[number]): DiskImage {
  return {
    id: image.Id,
    // Engines before 1.44 send ["<none>:<none>"] or null for an untagged image.
    repoTags: (image.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
    size: known(image.Size) ? image.Size : 0,
    containers: Math.max(0, image.Containers),
    created: image.Created ?? 0,
  };
}

/** `docker system df` from the engine's report: the four rows, and every image for the lists. */
export function summariseDf(df: RawDf, measuredAt: number): DiskUsage {
  return {
    kinds: [imagesRow(df), containersRow(df), volumesRow(df), buildCacheRow(df)],
    images: (df.Images ?? []).map(toDiskImage),
    measuredAt,
  };
}
