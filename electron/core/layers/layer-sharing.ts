import type Docker from 'dockerode';
import type { LayerSharing, SharingProgress } from '../../../shared/sharing-types';
import type { StorageAccounting } from '../../../shared/removal-types';
import type { ImageGraph, ModelImage } from '../removal/image-graph';
import { PlanBuilder } from '../removal/plan-builder';
import { loadStore, type StoreContext, type StoreModel } from '../removal/store';
import { buildSharing, type SharingInput, type Unit } from './sharing-model';

/**
 * The images `docker images` lists. A legacy build step left as an untagged parent is part of the
 * image built on it: `docker rmi` of that image removes it too, so it is not "another image".
 */
function listed(graph: ImageGraph, children: ReadonlyMap<string, number>): ModelImage[] {
  return [...graph.images.values()].filter((image) => image.refs.length > 0 || children.get(image.id) === 0);
}

/**
 * The untagged build steps under a listed image: `docker rmi` of the image prunes them with it, so
 * what they alone hold (their own manifest and config on the containerd store) counts as the image's.
 */
function hiddenAncestors(graph: ImageGraph, image: ModelImage, shown: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const seen = new Set([image.id]);
  for (let parent = graph.images.get(image.parent); parent && !shown.has(parent.id) && !seen.has(parent.id); parent = graph.images.get(parent.parent)) {
    seen.add(parent.id);
    out.push(parent.id);
  }
  return out;
}

function base(graph: ImageGraph, image: ModelImage, children: ReadonlyMap<string, number>): Pick<SharingInput, 'id' | 'names' | 'containers' | 'children'> {
  return { id: image.id, names: image.refs.map((r) => r.text), containers: graph.containersOf(image.id).length, children: children.get(image.id) ?? 0 };
}

/**
 * Which images share which layers, read the way each store keeps them: legacy layers by chain ID with
 * the sizes `docker history` gives, containerd content blobs by digest. The engine's own `docker system
 * df -v` misattributes shared bytes on the containerd store (moby #52476); this counts the blobs.
 */
export async function readLayerSharing(docker: Docker, context: StoreContext, report: (p: SharingProgress) => void = () => undefined, signal?: AbortSignal): Promise<LayerSharing> {
  report({ phase: 'reading-images' });
  const { model, accounting } = await loadStore(docker, context.store, context.caches, signal);
  signal?.throwIfAborted();
  // Both stores answer children() by scanning every image or name: asked once per image, not twice.
  const children = new Map([...model.images.keys()].map((id) => [id, model.children(id).length]));
  const shown = listed(model, children);
  const shownIds = new Set(shown.map((i) => i.id));
  report({ phase: 'grouping' });
  const inputs = shown.map((image): SharingInput => {
    signal?.throwIfAborted();
    const known = base(model, image, children);
    // Nothing keeps it: `docker rmi` removes it and its untagged build steps, freeing exactly what no
    // other image holds. Only an image something keeps needs the removal simulated (a copy of the
    // whole model each: too slow to run for every one of thousands of images).
    const facts = { ...known, frees: known.children > 0 || known.containers > 0 ? freedByRemoving(model, accounting, image.id) : null };
    if (context.store === 'legacy') {
      const cache = context.caches.legacy;
      const chains = cache.images.get(image.id)?.chains ?? [];
      return { ...facts, layers: chains.map((chain) => ({ key: chain, size: cache.layers.get(chain)?.size ?? 0 })), extra: [] };
    }
    const cache = context.caches.containerd;
    const content = cache.get(image.id);
    if (!content) return { ...facts, layers: null, extra: [] };
    const sizes = new Map(content.blobs.map((b) => [b.digest, b.size]));
    const layers: Unit[] = content.layers.map((digest) => ({ key: digest, size: sizes.get(digest) ?? 0 }));
    const inLayers = new Set(content.layers);
    const steps = hiddenAncestors(model, image, shownIds).flatMap((id) => cache.get(id)?.blobs ?? []);
    const extra = [...content.blobs, ...steps].filter((b) => !inLayers.has(b.digest)).map((b) => ({ key: b.digest, size: b.size }));
    return { ...facts, layers, extra };
  });
  return buildSharing(inputs, accounting, Date.now());
}

/**
 * What `docker rmi ID` of this image alone would free, by the same simulation the removal preview
 * runs: nothing when the engine would keep it (images built on it, a container using it). An image
 * named in several repositories needs -f by ID, which then removes it.
 */
function freedByRemoving(model: StoreModel, accounting: StorageAccounting, id: string): number {
  let copy = model.clone();
  let result = copy.deleteImage(id, false);
  if (!result.ok && 'conflict' in result && result.conflict.kind === 'multiple-repositories') {
    copy = model.clone();
    result = copy.deleteImage(id, true);
  }
  if (!result.ok) return 0;
  const plan = new PlanBuilder(model, accounting);
  plan.add(result.records);
  return plan.build('', copy).totalBytes;
}
