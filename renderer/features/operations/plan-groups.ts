import type { DeletedImage } from '../../../shared/removal-types';

/** An image the preview deletes, with the untagged parents that go only because it goes. */
export interface PlanGroup {
  image: DeletedImage;
  parents: DeletedImage[];
}

/**
 * Folds each untagged parent under the image that takes it along, keeping the engine's order of the
 * images themselves. A parent whose image is not in the list (it stays, untagged) stands on its own.
 */
export function groupPlanImages(images: readonly DeletedImage[]): PlanGroup[] {
  const heads = new Map<string, PlanGroup>();
  for (const image of images) if (!image.prunedWith) heads.set(image.id, { image, parents: [] });
  const groups: PlanGroup[] = [];
  for (const image of images) {
    const head = image.prunedWith ? heads.get(image.prunedWith) : undefined;
    if (head) head.parents.push(image);
    else groups.push(heads.get(image.id) ?? { image, parents: [] });
  }
  return groups;
}

/** A repository and the tags of one image in it, as `repo: 1.2, 1.2.8, latest` reads. */
export interface RepositoryTags {
  repository: string;
  tags: string[];
}

/** An image's `repo:tag` names gathered per repository, in the order they first appear. */
export function tagsByRepository(refs: readonly string[]): RepositoryTags[] {
  const byRepo = new Map<string, string[]>();
  for (const ref of refs) {
    const colon = ref.lastIndexOf(':');
    const [repository, tag] = colon > ref.lastIndexOf('/') ? [ref.slice(0, colon), ref.slice(colon + 1)] : [ref, ''];
    const tags = byRepo.get(repository) ?? [];
    if (tag) tags.push(tag);
    byRepo.set(repository, tags);
  }
  return [...byRepo].map(([repository, tags]) => ({ repository, tags }));
}
