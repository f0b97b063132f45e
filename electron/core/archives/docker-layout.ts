import { normaliseArchiveName } from './archive-names';
import { findEntry, platformOf, readJsonEntry, validate } from './archive-json';
import { problems } from './archive-problems';
import { DockerManifest, ImageConfig } from './archive-schemas';
import type { FoundImage } from './found-image';
import { archivePath, type TarScan } from './tar-walk';

function entryNamed(name: string) {
  const path = archivePath(name);
  if (path === null) throw problems.unsafeName(name);
  return path;
}

/**
 * manifest.json: one item per image (20.10 writes configs as `<id>.json` and layers as
 * `<id>/layer.tar`; 25+ points both into blobs/). The config's own digest is the image ID on the
 * legacy store, whatever the file is called, so it is hashed rather than read off the name.
 */
export function readDockerManifest(scan: TarScan): FoundImage[] {
  const manifestEntry = findEntry(scan, 'manifest.json');
  if (!manifestEntry) return [];
  const manifest = validate(DockerManifest, readJsonEntry(scan, manifestEntry, 'manifest.json').value, 'manifest.json');
  const images: FoundImage[] = [];
  for (const item of manifest) {
    const configEntry = findEntry(scan, entryNamed(item.Config));
    if (!configEntry) throw problems.missing('config', item.Config);
    const label = `config ${item.Config}`;
    const configFile = readJsonEntry(scan, configEntry, label);
    const config = validate(ImageConfig, configFile.value, label);
    const layerFiles = item.Layers.map((layer) => {
      const found = findEntry(scan, entryNamed(layer));
      if (!found) throw problems.missing('layer', layer);
      return found;
    });
    const diffIds = config.rootfs?.diff_ids;
    if (diffIds && diffIds.length !== item.Layers.length) throw problems.layerCountMismatch(item.Config, item.Layers.length, diffIds.length);
    const configDigest = `sha256:${configFile.sha256}`;
    const platform = platformOf(config);
    images.push({
      configDigest,
      configs: new Set([configDigest]),
      targetDigest: null,
      tags: (item.RepoTags ?? []).flatMap((tag) => normaliseArchiveName(tag) ?? []),
      platforms: platform ? [platform] : [],
      layers: item.Layers.length,
      layerFiles: new Map(layerFiles.map((f) => [f.path, f.info.size])),
    });
  }
  return images;
}
