import type Docker from 'dockerode';
import type { ImageStore } from '../../../shared/engine-types';
import type { ImageSummaries, ImageSummary } from '../../../shared/image-types';
import { imageObject } from '../engine/engine-objects';
import { toBackendError } from '../engine/engine-errors';
import { mapPool } from '../map-pool';
import { listImages } from './images';

interface InspectDoc {
  Id: string;
  Parent?: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Created?: string;
  Size?: number;
  Config?: { Labels?: Record<string, string> | null } | null;
}

/** `docker images` row from `docker image inspect`: the same fields, in the list's units. */
function fromInspect(doc: InspectDoc): ImageSummary {
  const created = Date.parse(doc.Created ?? '');
  return {
    id: doc.Id,
    parentId: doc.Parent ?? '',
    repoTags: doc.RepoTags ?? [],
    repoDigests: doc.RepoDigests ?? [],
    created: Number.isFinite(created) ? Math.floor(created / 1000) : 0,
    size: doc.Size ?? 0,
    labels: doc.Config?.Labels ?? {},
    containers: -1,
  };
}

/**
 * The list's rows for the images an engine event named, without listing all 5,000: one inspect each
 * (a millisecond, where a list is a hundred). On the containerd store inspect reports another size
 * and every repository's digest where the list shows one, so there the rows come from a list
 * narrowed to the images' names. Whatever cannot be read as the list would show it makes the answer
 * inexact, and the window lists everything instead.
 */
export async function imageSummaries(docker: Docker, store: ImageStore['kind'], refs: readonly string[]): Promise<ImageSummaries> {
  const found = new Map<string, ImageSummary>();
  const gone: string[] = [];
  await mapPool([...new Set(refs)], async (ref) => {
    try {
      const summary = fromInspect((await imageObject(docker, ref).inspect()) as unknown as InspectDoc);
      found.set(summary.id, summary);
    } catch (err) {
      if (toBackendError(err, 'Reading an image').code === 'NOT_FOUND') gone.push(ref);
      else throw err;
    }
  });
  if (store !== 'containerd' || found.size === 0) return { found: [...found.values()], gone, exact: true };
  const names = [...found.values()].flatMap((s) => s.repoTags);
  if ([...found.values()].some((s) => s.repoTags.length === 0)) return { found: [], gone, exact: false };
  const listed = new Map((await listImages(docker, false, { reference: names })).map((s) => [s.id, s]));
  const rows = [...found.keys()].map((id) => listed.get(id));
  if (rows.some((r) => r === undefined)) return { found: [], gone, exact: false };
  return { found: rows as ImageSummary[], gone, exact: true };
}
