import type Docker from 'dockerode';
import type { ImageStore } from '../../../shared/engine-types';
import { toImageDetails } from '../../../shared/image-details';
import type { ImageSummaries, ImageSummary, JsonValue } from '../../../shared/image-types';
import { imageObject } from '../engine/engine-objects';
import { toBackendError } from '../engine/engine-errors';
import { mapPool } from '../map-pool';
import { listImages } from './images';

/** `docker images` row from `docker image inspect` (read as the details panel reads it): the list's fields, in its units. */
function fromInspect(raw: JsonValue): ImageSummary {
  const details = toImageDetails(raw);
  const created = Date.parse(details.created);
  return {
    id: details.id,
    parentId: details.parent,
    repoTags: details.repoTags,
    repoDigests: details.repoDigests,
    created: Number.isFinite(created) ? Math.floor(created / 1000) : 0,
    size: details.size,
    labels: details.labels,
    containers: -1,
  };
}

/**
 * The list's rows for the images an engine event named, without listing all 5,000: one inspect each
 * (a millisecond, where a list is a hundred). On the containerd store inspect reports another size
 * and every repository's digest where the list shows one, so there the rows come from lists
 * narrowed to the images' names and to the untagged images shown. There, too, the parent link
 * belongs to each name of an image, the list reports one name's and hides an untagged image that
 * any name links to: so the rows keep the parent inspect reads (any name's link), and the answer
 * says which untagged images the list shows now. Whatever cannot be read as the list would show it
 * makes the answer inexact, and the window lists everything instead.
 */
export async function imageSummaries(docker: Docker, store: ImageStore['kind'], refs: readonly string[]): Promise<ImageSummaries> {
  const found = new Map<string, ImageSummary>();
  const gone: string[] = [];
  await mapPool([...new Set(refs)], async (ref) => {
    try {
      const summary = fromInspect((await imageObject(docker, ref).inspect()) as unknown as JsonValue);
      found.set(summary.id, summary);
    } catch (err) {
      if (toBackendError(err, 'Reading an image').code === 'NOT_FOUND') gone.push(ref);
      else throw err;
    }
  });
  if (store !== 'containerd') return { found: [...found.values()], gone, exact: true };
  const names = [...found.values()].flatMap((s) => s.repoTags);
  // An untagged image the list hides (a build step some name links to) is in neither list: inexact.
  const [named, dangling] = await Promise.all([names.length > 0 ? listImages(docker, false, { reference: names }) : [], listImages(docker, false, { dangling: ['true'] })]);
  const listed = new Map([...named, ...dangling].map((s) => [s.id, s]));
  // The parent as inspect reads it, from the link of any name: the list's, from one name, may be
  // empty while another name links the image to a build step it hides.
  const rows = [...found.values()].flatMap((s) => {
    const row = listed.get(s.id);
    return row ? [{ ...row, parentId: s.parentId }] : [];
  });
  return rows.length === found.size ? { found: rows, gone, exact: true, dangling: dangling.map((s) => s.id) } : { found: [], gone, exact: false };
}
