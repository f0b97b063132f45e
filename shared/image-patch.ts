import { realTags } from './image-rows';
import { isImageId } from './reference';
import type { ImageStore } from './engine-types';
import type { ImageSummaries, ImageSummary } from './image-types';

/**
 * The list after the images some engine events named were re-read, or null when that cannot be told
 * exactly without listing everything. Exact cases: a name added to or taken from an image that keeps
 * a name (it leaves any other image that held it), an image that came with a name, an image deleted
 * (with the untagged build steps `docker rmi` takes along) that no listed image still descends from,
 * and on the containerd store an image without a name that the engine says it shows. Unsure, so
 * null: every other image without a name (on the legacy store it is dangling or hidden as an
 * intermediate, depending on children the list does not show), a new child of an untagged image
 * (which then hides), a deleted image whose parent the list hides, a name that is gone, an inexact
 * answer, and on the containerd store a name that moved (there the list shows one digest, taken from
 * one of the image's names, so the image that lost a name may show another digest), a new image
 * whose parent the list lacks (a build's unannounced intermediate steps), and on the containerd store
 * an untagged image the engine shows now and the list lacks (there the parent link belongs to each
 * name, so removing a name can show an untagged parent it hid, and no event names that parent).
 */
export function patchSummaries(summaries: readonly ImageSummary[], change: ImageSummaries, store: ImageStore['kind'] | null): ImageSummary[] | null {
  if (!change.exact) return null;
  if (change.gone.some((ref) => !isImageId(ref))) return null;
  // An untagged image is exact only where the engine says the list shows it (the containerd store).
  if (change.found.some((s) => realTags(s).length === 0 && !change.dangling?.includes(s.id))) return null;

  const byId = new Map(summaries.map((s) => [s.id, s]));
  const gone = new Set(change.gone);
  const found = new Map(change.found.map((s) => [s.id, s]));
  // Whose child an image is after the change.
  const parentOf = (s: ImageSummary) => found.get(s.id)?.parentId ?? s.parentId;
  for (const id of gone) {
    const image = byId.get(id);
    if (!image) continue;
    // `docker rmi` takes an image's untagged build steps along (the engine announces each): a parent
    // deleted in the same change shows nothing, and a child deleted or reloaded without its parent
    // link (`docker save`, `rmi`, `load`) is no longer its child.
    if (image.parentId !== '' && !byId.has(image.parentId) && !gone.has(image.parentId)) return null;
    if (summaries.some((s) => !gone.has(s.id) && parentOf(s) === id)) return null;
  }

  // On the containerd store an untagged image that the list hid may show now, unannounced (see
  // ImageSummaries.dangling): the window's list lacks it.
  if (change.dangling?.some((id) => !byId.has(id) && !found.has(id))) return null;

  for (const s of change.found) {
    if (byId.has(s.id) || s.parentId === '') continue;
    const parent = byId.get(s.parentId);
    // A new child hides an untagged parent from `docker images` (it becomes an intermediate image).
    if (parent && realTags(parent).length === 0) return null;
    // A parent the list lacks may be a build's intermediate step, which the engine never announces
    // (only the tag of the last step): `-a` would list it, and its arrival may hide an untagged image
    // below it from the plain list.
    if (!parent) return null;
  }

  const movedNames = new Set(change.found.flatMap((s) => realTags(s)));
  const next: ImageSummary[] = [];
  for (const s of summaries) {
    if (gone.has(s.id)) continue;
    const fresh = found.get(s.id);
    if (fresh) {
      next.push(fresh);
      found.delete(s.id);
      continue;
    }
    // A name moved here from another image: the engine announces only the image that gained it.
    if (s.repoTags.some((t) => movedNames.has(t))) {
      if (store !== 'legacy') return null;
      const kept = s.repoTags.filter((t) => !movedNames.has(t));
      if (realTags({ ...s, repoTags: kept }).length === 0) return null;
      next.push({ ...s, repoTags: kept });
      continue;
    }
    next.push(s);
  }
  for (const s of found.values()) next.push(s);
  return next;
}
