import type Docker from 'dockerode';
import { toHistoryEntry, toImageDetails } from '../../../shared/image-details';
import type { HistoryEntry, ImageDetails, ImageSummary, JsonValue } from '../../../shared/image-types';
import type { ImageUsage } from '../../../shared/job-types';
import { pairHistoryWithLayers } from '../../../shared/history-layers';
import { imageObject } from '../engine/engine-objects';
import { toBackendError } from '../engine/engine-errors';
import { mapPool } from '../map-pool';
import type { RawDf } from '../disk/system-df';

export async function listImages(docker: Docker, all: boolean, filters?: { reference: string[] } | { dangling: ['true'] }): Promise<ImageSummary[]> {
  const list = await docker.listImages({ all, digests: true, ...(filters ? { filters } : {}) });
  return list.map((i) => ({
    id: i.Id,
    parentId: i.ParentId ?? '',
    // Engines before 1.44 (and some after) send null for untagged images instead of an empty list.
    repoTags: i.RepoTags ?? [],
    repoDigests: i.RepoDigests ?? [],
    created: i.Created,
    size: i.Size,
    labels: i.Labels ?? {},
    containers: typeof i.Containers === 'number' ? i.Containers : -1,
  }));
}

export async function inspectImage(docker: Docker, ref: string): Promise<ImageDetails> {
  const raw = (await imageObject(docker, ref).inspect()) as unknown as JsonValue;
  const details = toImageDetails(raw);
  // The containerd store keeps the parent link after the parent is deleted: say when it leads nowhere.
  if (details.parent && !(await imageExists(docker, details.parent))) details.parentGone = true;
  return details;
}

/** Whether the engine still has the image; any answer but "no such image" is its own failure. */
export async function imageExists(docker: Docker, id: string): Promise<boolean> {
  try {
    await imageObject(docker, id).inspect();
    return true;
  } catch (err) {
    if (toBackendError(err, 'Inspecting an image').code === 'NOT_FOUND') return false;
    throw err;
  }
}

interface LayersDoc {
  RootFS?: { Layers?: string[] | null };
}

const layerCount = (doc: LayersDoc) => doc.RootFS?.Layers?.length ?? 0;

/**
 * `docker history`, with each entry marked as a layer or metadata by what the engine stored: the layer
 * counts of the images the steps produced, not a guess from the instruction (see history-layers).
 */
export async function imageHistory(docker: Docker, ref: string): Promise<HistoryEntry[]> {
  const [items, doc] = await Promise.all([imageObject(docker, ref).history() as unknown as Promise<Record<string, unknown>[]>, imageObject(docker, ref).inspect() as unknown as Promise<LayersDoc>]);
  const entries = items.map(toHistoryEntry);
  const stepIds = [...new Set(entries.map((e) => e.id).filter((id) => id.startsWith('sha256:')))];
  const counts = new Map<string, number>();
  await mapPool(stepIds, async (id) => {
    const step = await imageObject(docker, id)
      .inspect()
      .then((d) => d as unknown as LayersDoc)
      .catch(() => null);
    if (step) counts.set(id, layerCount(step));
  });
  const pairing = pairHistoryWithLayers(entries, layerCount(doc), (id) => counts.get(id));
  return entries.map((e, i) => ({ ...e, emptyLayer: !pairing.made[i] }));
}

/** `docker system df -v` accounting per image, from the engine's report (see disk/system-df). */
export function toImageUsage(df: RawDf): ImageUsage[] {
  return (df.Images ?? []).map((i) => ({
    id: i.Id,
    size: i.Size,
    sharedSize: Math.max(0, i.SharedSize),
    uniqueSize: i.Size - Math.max(0, i.SharedSize),
    containers: i.Containers,
  }));
}
