import type { ArchiveImage } from '../../../shared/archive-types';

/** An image as one layout describes it, before the layouts' views are merged. */
export interface FoundImage {
  configDigest: string;
  /** Every config the image holds (one per complete platform), to meet a manifest.json item naming one. */
  configs: Set<string>;
  targetDigest: string | null;
  tags: string[];
  platforms: string[];
  /** Layer entries across its platforms, counting one used twice twice (as the configs' diff_ids do). */
  layers: number;
  /** The distinct layer files it uses, with their sizes. */
  layerFiles: Map<string, number>;
}

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];

/**
 * One image per config: several index.json names for one manifest, and manifest.json beside
 * index.json (25+), describe the same image twice. index.json's images come first: they carry the
 * target digest, and a manifest.json item adds only its names.
 */
export function mergeImages(found: FoundImage[]): FoundImage[] {
  const merged: FoundImage[] = [];
  for (const image of found) {
    const same = merged.find((m) => [...image.configs].some((c) => m.configs.has(c)));
    if (!same) {
      merged.push({ ...image, configs: new Set(image.configs), tags: union([], image.tags), layerFiles: new Map(image.layerFiles) });
      continue;
    }
    same.tags = union(same.tags, image.tags);
    if (image.targetDigest === null && same.configs.size > 1) {
      // manifest.json names the one platform docker save picked from a multi-platform image.
      same.configDigest = image.configDigest;
    }
  }
  return merged;
}

export function toArchiveImage(image: FoundImage): ArchiveImage {
  let layerBytes = 0;
  for (const size of image.layerFiles.values()) layerBytes += size;
  return {
    configDigest: image.configDigest,
    targetDigest: image.targetDigest,
    tags: image.tags,
    platforms: image.platforms,
    layers: image.layers,
    layerBytes,
  };
}
