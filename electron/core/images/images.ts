import type Docker from 'dockerode';
import { toHistoryEntry, toImageDetails } from '../../../shared/image-details';
import type { HistoryEntry, ImageDetails, ImageSummary, JsonValue } from '../../../shared/image-types';
import type { ImageUsage } from '../../../shared/job-types';
import { imageObject } from '../engine/engine-objects';

export async function listImages(docker: Docker, all: boolean): Promise<ImageSummary[]> {
  const list = await docker.listImages({ all, digests: true });
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
  return toImageDetails(raw);
}

export async function imageHistory(docker: Docker, ref: string): Promise<HistoryEntry[]> {
  const items = (await imageObject(docker, ref).history()) as unknown as Record<string, unknown>[];
  return items.map(toHistoryEntry);
}

interface DfImage {
  Id: string;
  Size: number;
  SharedSize: number;
  Containers: number;
}

/** `docker system df -v` accounting; the engine walks every layer, so this can take seconds. */
export async function imageUsage(docker: Docker, signal: AbortSignal): Promise<ImageUsage[]> {
  // dockerode accepts an abort signal here, but its type definitions do not declare the options.
  const dfWithOptions = docker.df as unknown as (this: Docker, opts: { abortSignal: AbortSignal }) => Promise<{ Images?: DfImage[] | null }>;
  const df = await dfWithOptions.call(docker, { abortSignal: signal });
  return (df.Images ?? []).map((i) => ({
    id: i.Id,
    size: i.Size,
    sharedSize: Math.max(0, i.SharedSize),
    uniqueSize: i.Size - Math.max(0, i.SharedSize),
    containers: i.Containers,
  }));
}
