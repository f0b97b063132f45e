import type Docker from 'dockerode';
import type { ImageStore } from '../../../shared/engine-types';
import type { ImageContentFacts } from '../../../shared/image-types';
import { imageObject } from '../engine/engine-objects';
import type { ContainerdFactsCache } from '../removal/containerd/snapshot';

interface InspectDoc {
  Id: string;
  Os?: string;
  Architecture?: string;
  Variant?: string;
}

/**
 * What an image holds, as its store keeps it: on the containerd store the platforms of its index and
 * its content bytes (read once per image ID, which is content-addressed); on the legacy store its one
 * platform.
 */
export async function imageContent(docker: Docker, store: ImageStore['kind'], ref: string, cache: ContainerdFactsCache): Promise<ImageContentFacts> {
  const doc = (await imageObject(docker, ref).inspect()) as unknown as InspectDoc;
  const own = [doc.Os, doc.Architecture, doc.Variant].filter(Boolean).join('/');
  if (store === 'legacy') return { store, platforms: own ? [own] : [], contentBytes: null };
  await cache.ensure(docker, [doc.Id]);
  const content = cache.get(doc.Id);
  if (!content) return { store, platforms: own ? [own] : [], contentBytes: null };
  return { store, platforms: content.platforms.length > 0 ? content.platforms : own ? [own] : [], contentBytes: content.blobs.reduce((sum, b) => sum + b.size, 0) };
}
