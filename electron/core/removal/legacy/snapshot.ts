import { createHash } from 'node:crypto';
import type Docker from 'dockerode';
import { layerSizesFromHistory, pairHistoryWithLayers, type HistoryRow } from '../../../../shared/history-layers';
import { toContainerBrief } from '../../containers/brief';
import { modelRefs, type ModelImage } from '../image-graph';
import { EngineModel, type ModelLayer } from './engine-model';
import { mapPool } from '../../map-pool';
import { imageObject } from '../../engine/engine-objects';

/** The layer store's identity of a layer: its own diff ID folded onto its parent's chain ID. */
export function chainIds(diffIds: string[]): string[] {
  const out: string[] = [];
  for (const diff of diffIds) {
    const parent = out[out.length - 1];
    out.push(parent ? `sha256:${createHash('sha256').update(`${parent} ${diff}`).digest('hex')}` : diff);
  }
  return out;
}

interface HistoryItem {
  Id?: string;
  CreatedBy?: string;
  Size?: number;
}

/**
 * Sizes of an image's layers, oldest first. The history API reports each layer's own size on the entry
 * that made it; which entries made one is read from the intermediate images' own layer counts.
 */
export function layerSizes(history: HistoryItem[], layerCount: number, layersOf: (id: string) => number | undefined = () => undefined): number[] {
  const rows: HistoryRow[] = history.map((h) => ({ id: h.Id ?? '<missing>', createdBy: h.CreatedBy ?? '', size: h.Size ?? 0 }));
  return layerSizesFromHistory(rows, pairHistoryWithLayers(rows, layerCount, layersOf), layerCount);
}

interface InspectDoc {
  Id: string;
  Created?: string;
  Config?: { Labels?: Record<string, string> | null } | null;
  RootFS?: { Layers?: string[] | null };
}

/** What never changes for an image ID: its layers, creation time and labels. */
interface ImageFacts {
  chains: string[];
  created: number;
  labels: Record<string, string>;
}

/**
 * Image IDs and layer chain IDs are content addresses, so what was read about them once stays true.
 * Keeping it makes every later preview cost one list call plus the images that are new since.
 */
export class ImageFactsCache {
  readonly images = new Map<string, ImageFacts>();
  readonly layers = new Map<string, ModelLayer>();

  /** Forget images the engine no longer has, so the cache never outgrows the engine. */
  retain(ids: Set<string>): void {
    for (const id of this.images.keys()) if (!ids.has(id)) this.images.delete(id);
    const live = new Set([...this.images.values()].flatMap((f) => f.chains));
    for (const chain of this.layers.keys()) if (!live.has(chain)) this.layers.delete(chain);
  }
}

async function readFacts(docker: Docker, ids: string[], cache: ImageFactsCache, signal?: AbortSignal): Promise<void> {
  const docs = await mapPool(ids, async (id) => (await imageObject(docker, id).inspect()) as unknown as InspectDoc, undefined, signal);
  // Each step of a local build is an image of its own: its layer count says whether the step made one.
  const layerCounts = new Map<string, number>([...cache.images].map(([id, f]) => [id, f.chains.length]));
  for (const doc of docs) layerCounts.set(doc.Id, doc.RootFS?.Layers?.length ?? 0);
  // Deepest images first: one history call then sizes every layer it shares with shallower images.
  docs.sort((a, b) => (b.RootFS?.Layers?.length ?? 0) - (a.RootFS?.Layers?.length ?? 0));
  for (const doc of docs) {
    const chains = chainIds(doc.RootFS?.Layers ?? []);
    if (chains.some((c) => !cache.layers.has(c))) {
      signal?.throwIfAborted();
      const sizes = layerSizes((await imageObject(docker, doc.Id).history()) as HistoryItem[], chains.length, (id) => layerCounts.get(id));
      chains.forEach((chainId, i) => {
        if (!cache.layers.has(chainId)) cache.layers.set(chainId, { chainId, parent: chains[i - 1] ?? null, size: sizes[i] ?? 0 });
      });
    }
    cache.images.set(doc.Id, { chains, created: Date.parse(doc.Created ?? '') || 0, labels: doc.Config?.Labels ?? {} });
  }
}

/** Read the engine's whole image graph (every image, its layers and sizes, every container). */
export async function loadEngineModel(docker: Docker, cache = new ImageFactsCache(), signal?: AbortSignal): Promise<EngineModel> {
  const [list, containers] = await Promise.all([docker.listImages({ all: true, digests: true }), docker.listContainers({ all: true })]);
  cache.retain(new Set(list.map((i) => i.Id)));
  await readFacts(docker, list.filter((i) => !cache.images.has(i.Id)).map((i) => i.Id), cache, signal);
  const images: ModelImage[] = list.map((summary) => {
    const facts = cache.images.get(summary.Id)!;
    return {
      id: summary.Id,
      parent: summary.ParentId ?? '',
      // References change all the time; they always come from the fresh list.
      refs: modelRefs(summary),
      created: facts.created,
      size: summary.Size,
      labels: facts.labels,
      topChain: facts.chains[facts.chains.length - 1] ?? null,
    };
  });
  const layers = new Map<string, ModelLayer>();
  for (const image of images) for (const chain of cache.images.get(image.id)!.chains) layers.set(chain, cache.layers.get(chain)!);
  return new EngineModel(images, [...layers.values()], containers.map(toContainerBrief));
}
