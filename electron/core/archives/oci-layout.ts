import { normaliseArchiveName } from './archive-names';
import { blobPath, findEntry, platformOf, readJsonEntry, validate, type FoundEntry } from './archive-json';
import { problems } from './archive-problems';
import { Descriptor, INDEX_MEDIA_TYPES, ImageConfig, ImageIndex, ImageManifest, MANIFEST_MEDIA_TYPES } from './archive-schemas';
import type { FoundImage } from './found-image';
import type { TarScan } from './tar-walk';

/** Manifests looked at across the whole index: a crafted index of indexes must not fan out forever. */
const MAX_DESCRIPTORS = 10_000;
const MAX_DEPTH = 4;
const NAME_ANNOTATION = 'io.containerd.image.name';

export interface PlatformImage {
  platform: string | null;
  configDigest: string;
  configEntry: FoundEntry;
  layers: number;
  layerFiles: FoundEntry[];
}

interface Walk {
  scan: TarScan;
  left: number;
}

function blobEntry(walk: Walk, descriptor: Descriptor, what: string): FoundEntry | null {
  const found = findEntry(walk.scan, blobPath(descriptor.digest));
  if (found && found.info.size !== descriptor.size) throw problems.sizeMismatch(`${what} ${descriptor.digest}`, found.info.size, descriptor.size);
  return found;
}

/** BuildKit's provenance and SBOM manifests ride in image indexes as platform unknown/unknown. */
function isAttestation(descriptor: Descriptor): boolean {
  return descriptor.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' || descriptor.platform?.os === 'unknown';
}

function kindOf(descriptor: Descriptor, value: unknown): 'index' | 'manifest' | null {
  const own = typeof value === 'object' && value !== null ? (value as { mediaType?: unknown; manifests?: unknown; config?: unknown }) : {};
  const mediaType = descriptor.mediaType ?? (typeof own.mediaType === 'string' ? own.mediaType : undefined);
  if (mediaType !== undefined) return INDEX_MEDIA_TYPES.has(mediaType) ? 'index' : MANIFEST_MEDIA_TYPES.has(mediaType) ? 'manifest' : null;
  return Array.isArray(own.manifests) ? 'index' : own.config !== undefined ? 'manifest' : null;
}

/**
 * The platforms under a descriptor whose config and every layer are in the file. A multi-platform
 * image saved from the containerd store keeps the whole index but, usually, the blobs of only the
 * platform that was pulled: the others are not loadable from this file, so they are not reported.
 */
function completePlatforms(walk: Walk, descriptor: Descriptor, depth: number): PlatformImage[] {
  walk.left -= 1;
  if (walk.left < 0 || depth > MAX_DEPTH) throw problems.tooDeep();
  const found = blobEntry(walk, descriptor, 'manifest');
  if (!found) return [];
  const label = `blob ${descriptor.digest}`;
  const { value } = readJsonEntry(walk.scan, found, label);
  const kind = kindOf(descriptor, value);
  if (kind === 'index') {
    const index = validate(ImageIndex, value, label);
    return index.manifests.filter((m) => !isAttestation(m)).flatMap((m) => completePlatforms(walk, { ...m, platform: m.platform ?? descriptor.platform }, depth + 1));
  }
  if (kind !== 'manifest') return [];
  const manifest = validate(ImageManifest, value, label);
  const layerFiles = manifest.layers.map((layer) => blobEntry(walk, layer, 'layer'));
  const configEntry = blobEntry(walk, manifest.config, 'config');
  if (!configEntry || layerFiles.some((f) => f === null)) return [];
  const configLabel = `config ${manifest.config.digest}`;
  const config = validate(ImageConfig, readJsonEntry(walk.scan, configEntry, configLabel).value, configLabel);
  return [{ platform: platformOf(config) ?? platformOf(descriptor.platform), configDigest: manifest.config.digest, configEntry, layers: manifest.layers.length, layerFiles: layerFiles as FoundEntry[] }];
}

/** Every complete platform image under index.json, in its order (a single image's save has one name). */
export function readOciPlatforms(scan: TarScan): PlatformImage[] {
  const indexEntry = findEntry(scan, 'index.json');
  if (!indexEntry) return [];
  const index = validate(ImageIndex, readJsonEntry(scan, indexEntry, 'index.json').value, 'index.json');
  const walk: Walk = { scan, left: MAX_DESCRIPTORS };
  return index.manifests.flatMap((descriptor) => (findEntry(scan, blobPath(descriptor.digest)) ? completePlatforms(walk, descriptor, 0) : []));
}

/**
 * index.json: one descriptor per name (containerd's `io.containerd.image.name`, the full reference),
 * pointing at a manifest or at an index of per-platform manifests. `org.opencontainers.image.ref.name`
 * alone is only a tag ("1"), not a name, so an entry without the full name is reported untagged.
 */
export function readOciIndex(scan: TarScan): FoundImage[] {
  const indexEntry = findEntry(scan, 'index.json');
  if (!indexEntry) return [];
  const index = validate(ImageIndex, readJsonEntry(scan, indexEntry, 'index.json').value, 'index.json');
  const walk: Walk = { scan, left: MAX_DESCRIPTORS };
  return index.manifests.map((descriptor) => {
    const name = descriptor.annotations?.[NAME_ANNOTATION];
    const tag = name === undefined ? null : normaliseArchiveName(name);
    const label = tag ?? name ?? descriptor.digest;
    if (!findEntry(scan, blobPath(descriptor.digest))) throw problems.missing('image', label);
    const platforms = completePlatforms(walk, descriptor, 0);
    const first = platforms[0];
    if (!first) throw problems.noCompletePlatform(label);
    const layerFiles = new Map(platforms.flatMap((p) => p.layerFiles.map((f) => [f.path, f.info.size] as const)));
    return {
      configDigest: first.configDigest,
      configs: new Set(platforms.map((p) => p.configDigest)),
      targetDigest: descriptor.digest,
      tags: tag === null ? [] : [tag],
      platforms: [...new Set(platforms.flatMap((p) => (p.platform ? [p.platform] : [])))],
      layers: platforms.reduce((sum, p) => sum + p.layers, 0),
      layerFiles,
    };
  });
}
