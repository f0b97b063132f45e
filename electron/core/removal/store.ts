import type Docker from 'dockerode';
import type { ImageStore } from '../../../shared/engine-types';
import type { RemovalPlan, StorageAccounting } from '../../../shared/removal-types';
import { containerdRules, simulateContainerdPrune } from './containerd/prune';
import { ContainerdFactsCache, loadContainerdModel } from './containerd/snapshot';
import type { DeleteResult, ImageGraph } from './image-graph';
import { simulatePrune } from './legacy/prune-model';
import { ImageFactsCache, loadEngineModel } from './legacy/snapshot';
import type { PruneRules } from './prune-rules';

/**
 * The one interface removal and prune previews use, whichever image store the engine has. Each
 * store's rules live in their own folder (legacy/, containerd/); this is the only place that chooses.
 */
export interface StoreModel extends ImageGraph {
  clone(): StoreModel;
  /** `docker rmi [-f] INPUT` on this copy. */
  deleteImage(input: string, force: boolean): DeleteResult;
  /** Bytes that may also go but could not be counted (containerd content that could not be read). */
  readonly unknownBytes?: number;
}


export interface LoadedStore {
  accounting: StorageAccounting;
  model: StoreModel;
  prune(rules: PruneRules, command: string): RemovalPlan;
}

/** Caches of what never changes per image or container ID, one per store. */
export class StoreCaches {
  readonly legacy = new ImageFactsCache();
  readonly containerd = new ContainerdFactsCache();
}

/** Which store the engine has and what the previews keep between calls: one per engine connection. */
export interface StoreContext {
  store: ImageStore['kind'];
  caches: StoreCaches;
}

/**
 * Every storage unit the engine holds for the given images (all of them: `docker images -a`), with its
 * bytes — legacy layers by chain ID, containerd content blobs by digest — read as cheaply as each store
 * allows: on the containerd store, from the content cached per image ID.
 */
export async function loadStorage(docker: Docker, kind: ImageStore['kind'], caches: StoreCaches, ids: readonly string[]): Promise<ReadonlyMap<string, number>> {
  if (kind === 'legacy') return (await loadEngineModel(docker, caches.legacy)).storage();
  await caches.containerd.ensure(docker, ids);
  const blobs = new Map<string, number>();
  for (const id of ids) for (const b of caches.containerd.get(id)?.blobs ?? []) blobs.set(b.digest, b.size);
  return blobs;
}

export async function loadStore(docker: Docker, kind: ImageStore['kind'], caches: StoreCaches, signal?: AbortSignal): Promise<LoadedStore> {
  if (kind === 'legacy') {
    const model = await loadEngineModel(docker, caches.legacy, signal);
    return { accounting: 'layers', model, prune: (rules, command) => simulatePrune(model, rules, command) };
  }
  const { model, lastTagTime } = await loadContainerdModel(docker, caches.containerd, signal);
  return {
    accounting: 'content',
    model,
    prune: (rules, command) => simulateContainerdPrune(model, containerdRules(model, lastTagTime, rules), command),
  };
}
