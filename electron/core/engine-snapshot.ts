import { createHash } from 'node:crypto';
import type Docker from 'dockerode';
import { isMetadataOnly } from '../../shared/image-details';
import { toContainerBrief } from './containers';
import { EngineModel, toModelRef, type ModelContainer, type ModelImage, type ModelLayer } from './engine-model';

const CONCURRENCY = 8;

async function mapPool<T, R>(items: T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return out;
}

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
  CreatedBy?: string;
  Size?: number;
}

/**
 * Sizes of an image's layers, oldest first. The history API reports each layer's own size on the entry
 * that made it; entries that made no layer are told apart the way the CLI tells them.
 */
export function layerSizes(history: HistoryItem[], layerCount: number): number[] {
  const oldestFirst = [...history].reverse();
  let made = oldestFirst.filter((h) => !isMetadataOnly(h.CreatedBy ?? '', h.Size ?? 0));
  if (made.length !== layerCount) made = oldestFirst.filter((h) => (h.Size ?? 0) > 0);
  const sizes = made.map((h) => h.Size ?? 0).slice(-layerCount);
  while (sizes.length < layerCount) sizes.unshift(0);
  return sizes;
}

interface InspectDoc {
  Id: string;
  Parent?: string;
  Created?: string;
  Size?: number;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Config?: { Labels?: Record<string, string> | null } | null;
  RootFS?: { Layers?: string[] | null };
}

/** Read the engine's whole image graph (every image, its layers and sizes, every container). */
export async function loadEngineModel(docker: Docker, signal?: AbortSignal): Promise<EngineModel> {
  const [list, containers] = await Promise.all([docker.listImages({ all: true, digests: true }), docker.listContainers({ all: true })]);
  const docs = await mapPool(list, async (summary) => {
    signal?.throwIfAborted();
    return (await docker.getImage(summary.Id).inspect()) as unknown as InspectDoc;
  });
  const layers = new Map<string, ModelLayer>();
  const images: ModelImage[] = [];
  // Deepest images first: one history call then sizes every layer it shares with shallower images.
  const byDepth = [...docs].sort((a, b) => (b.RootFS?.Layers?.length ?? 0) - (a.RootFS?.Layers?.length ?? 0));
  for (const doc of byDepth) {
    signal?.throwIfAborted();
    const chains = chainIds(doc.RootFS?.Layers ?? []);
    if (chains.some((c) => !layers.has(c))) {
      const history = (await docker.getImage(doc.Id).history()) as HistoryItem[];
      const sizes = layerSizes(history, chains.length);
      chains.forEach((chainId, i) => {
        if (!layers.has(chainId)) layers.set(chainId, { chainId, parent: chains[i - 1] ?? null, size: sizes[i] ?? 0 });
      });
    }
    const refs = [...(doc.RepoTags ?? []), ...(doc.RepoDigests ?? [])].filter((r) => !r.startsWith('<none>')).map(toModelRef);
    images.push({
      id: doc.Id,
      parent: doc.Parent ?? '',
      refs,
      created: Date.parse(doc.Created ?? '') || 0,
      size: doc.Size ?? 0,
      labels: doc.Config?.Labels ?? {},
      topChain: chains[chains.length - 1] ?? null,
    });
  }
  const modelContainers: ModelContainer[] = containers.map(toContainerBrief);
  return new EngineModel(images, [...layers.values()], modelContainers);
}
