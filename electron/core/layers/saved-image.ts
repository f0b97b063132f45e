import * as z from 'zod';
import { findEntry, platformOf, readJsonEntry, validate, type FoundEntry } from '../archives/archive-json';
import { ArchiveProblem } from '../archives/archive-problems';
import { DockerManifest } from '../archives/archive-schemas';
import { readOciPlatforms } from '../archives/oci-layout';
import { archivePath, type TarScan } from '../archives/tar-walk';
import { LayerProblem } from './layer-tar';

const HistoryConfig = z.object({
  architecture: z.string().max(256).optional(),
  os: z.string().max(256).optional(),
  variant: z.string().max(256).optional(),
  rootfs: z.object({ diff_ids: z.array(z.string().max(200)) }),
  history: z
    .array(
      z.object({
        created: z.string().max(100).optional(),
        created_by: z.string().max(1_000_000).optional(),
        comment: z.string().max(100_000).optional(),
        empty_layer: z.boolean().optional(),
      }),
    )
    .optional(),
});
export type HistoryConfig = z.infer<typeof HistoryConfig>;

export interface SavedImage {
  platform: string | null;
  /** Every platform the archive holds completely. */
  platforms: string[];
  config: HistoryConfig;
  /** Layer files in the archive, bottom first. */
  layerPaths: string[];
  layerBytes: number[];
}

function fromEntries(scan: TarScan, configEntry: FoundEntry, layerFiles: FoundEntry[], label: string, platforms: string[]): SavedImage {
  const config = validate(HistoryConfig, readJsonEntry(scan, configEntry, label).value, label);
  if (config.rootfs.diff_ids.length !== layerFiles.length) {
    throw new LayerProblem(`The image's config lists ${config.rootfs.diff_ids.length} layers and its manifest ${layerFiles.length}.`, 'The image is damaged; pull or build it again.');
  }
  return { platform: platformOf(config), platforms, config, layerPaths: layerFiles.map((f) => f.path), layerBytes: layerFiles.map((f) => f.info.size) };
}

function entry(scan: TarScan, name: string, what: string): FoundEntry {
  const path = archivePath(name);
  const found = path === null ? null : findEntry(scan, path);
  if (!found) throw new LayerProblem(`The save stream names a ${what} (${name.slice(0, 120)}) it does not hold.`, 'Check the engine; save the image with docker save to see.');
  return found;
}

/**
 * The one image a save of one ID holds, for `wanted` platform (null: the one docker save picked, which
 * manifest.json names). A multi-platform image's other platforms come from index.json (containerd store).
 */
export function pickImage(scan: TarScan, wanted: string | null): SavedImage {
  try {
    const oci = readOciPlatforms(scan);
    const platforms = [...new Set(oci.flatMap((p) => (p.platform ? [p.platform] : [])))];
    const manifestEntry = findEntry(scan, 'manifest.json');
    if (manifestEntry) {
      const manifest = validate(DockerManifest, readJsonEntry(scan, manifestEntry, 'manifest.json').value, 'manifest.json');
      const item = manifest[0];
      if (item) {
        const configEntry = entry(scan, item.Config, 'config');
        const image = fromEntries(scan, configEntry, item.Layers.map((l) => entry(scan, l, 'layer')), 'image config', platforms);
        if (image.platform !== null && !platforms.includes(image.platform)) platforms.unshift(image.platform);
        if (wanted === null || wanted === image.platform) return { ...image, platforms };
      }
    }
    const chosen = oci.find((p) => wanted === null || p.platform === wanted);
    if (!chosen) {
      if (wanted === null && findEntry(scan, 'index.json')) throw new LayerProblem('The engine’s save stream holds the image’s index but not all of its layers.', 'Check the engine; the image may be incomplete in its store (pull it again).', 'ENGINE_ERROR');
      throw new LayerProblem(
        wanted === null ? 'The save stream holds no image.' : `The image holds no complete ${wanted} platform.`,
        platforms.length > 0 ? `Choose one of: ${platforms.join(', ')}.` : 'Check the engine.',
      );
    }
    return { ...fromEntries(scan, chosen.configEntry, chosen.layerFiles, 'image config', platforms), platform: chosen.platform };
  } catch (error) {
    if (error instanceof ArchiveProblem) throw new LayerProblem(error.toBackendError('The engine’s save stream').message, 'Check the engine; the image may be damaged in its store (pull or build it again).', 'ENGINE_ERROR');
    throw error;
  }
}
