import type Docker from 'dockerode';
import { containerObject, imageObject } from '../../engine/engine-objects';
import { toContainerBrief } from '../../containers/brief';
import { mapPool } from '../../map-pool';
import { readImageContent, type ImageContent } from './content';
import { ContainerdModel, type CdContainer, type CdImageFacts } from './model';
import { danglingName, parseNamed, type CdRecord } from './names';

/** What stays true per image ID (content) and per container ID (the name it was created from). */
export class ContainerdFactsCache {
  readonly content = new Map<string, ImageContent | null>();
  readonly containerImages = new Map<string, string>();

  retain(imageIds: Set<string>, containerIds: Set<string>): void {
    for (const id of this.content.keys()) if (!imageIds.has(id)) this.content.delete(id);
    for (const id of this.containerImages.keys()) if (!containerIds.has(id)) this.containerImages.delete(id);
  }
}

interface InspectDoc {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Size?: number;
  Metadata?: { LastTagTime?: string };
}

/**
 * The name records behind an image, rebuilt from inspect. Inspect lists, for every name record, the
 * name and (for a tag) a synthesised `repo@ID`; a digest record adds its own `repo@ID` once more. So a
 * repository whose `repo@ID` appears more often than it has tags also has a digest record.
 */
export function recordsOf(doc: InspectDoc, parent: string): CdRecord[] {
  const id = doc.Id;
  const tags = doc.RepoTags ?? [];
  const digests = doc.RepoDigests ?? [];
  const records: CdRecord[] = [];
  const tagsPerRepo = new Map<string, number>();
  for (const tag of tags) {
    const named = parseNamed(tag);
    if (!named) continue;
    records.push({ name: named.full, target: id, parent });
    tagsPerRepo.set(named.repo, (tagsPerRepo.get(named.repo) ?? 0) + 1);
  }
  const digestsPerRepo = new Map<string, number>();
  for (const d of digests) {
    const named = parseNamed(d);
    if (!named) continue;
    if (named.digest !== id) records.push({ name: named.full, target: id, parent });
    else digestsPerRepo.set(named.repo, (digestsPerRepo.get(named.repo) ?? 0) + 1);
  }
  for (const [repo, count] of digestsPerRepo) {
    if (count > (tagsPerRepo.get(repo) ?? 0)) records.push({ name: `${repo}@${id}`, target: id, parent });
  }
  if (records.length === 0) records.push({ name: danglingName(id), target: id, parent });
  return records;
}

export interface ContainerdSnapshot {
  model: ContainerdModel;
  /** Milliseconds: the newest update of any name record of the image (inspect's LastTagTime). */
  lastTagTime: Map<string, number>;
}

/** Read the containerd store's whole state: name records, image facts and content, containers. */
export async function loadContainerdModel(docker: Docker, cache: ContainerdFactsCache, signal?: AbortSignal): Promise<ContainerdSnapshot> {
  const [list, containers] = await Promise.all([docker.listImages({ all: true, digests: true }), docker.listContainers({ all: true })]);
  cache.retain(new Set(list.map((i) => i.Id)), new Set(containers.map((c) => c.Id)));
  const docs = await mapPool(list, async (summary) => {
    signal?.throwIfAborted();
    return (await imageObject(docker, summary.Id).inspect()) as unknown as InspectDoc;
  });
  const missing = list.map((i) => i.Id).filter((id) => !cache.content.has(id));
  if (missing.length > 0) {
    const read = await readImageContent(docker, missing, signal);
    for (const id of missing) cache.content.set(id, read.get(id) ?? null);
  }
  await mapPool(
    containers.filter((c) => !cache.containerImages.has(c.Id)),
    async (c) => {
      const info = (await containerObject(docker, c.Id).inspect()) as { Config?: { Image?: string } };
      cache.containerImages.set(c.Id, info.Config?.Image ?? c.Image);
    },
  );

  const records: CdRecord[] = [];
  const facts = new Map<string, CdImageFacts>();
  const lastTagTime = new Map<string, number>();
  list.forEach((summary, i) => {
    const doc = docs[i]!;
    records.push(...recordsOf(doc, summary.ParentId ?? ''));
    const content = cache.content.get(summary.Id) ?? null;
    facts.set(summary.Id, {
      id: summary.Id,
      created: summary.Created * 1000,
      labels: summary.Labels ?? {},
      size: summary.Size,
      contentSize: doc.Size ?? 0,
      blobs: content?.blobs ?? null,
    });
    const tagged = Date.parse(doc.Metadata?.LastTagTime ?? '');
    if (Number.isFinite(tagged) && tagged > 0) lastTagTime.set(summary.Id, tagged);
  });
  const cdContainers: CdContainer[] = containers.map((c) => ({ ...toContainerBrief(c), configImage: cache.containerImages.get(c.Id) ?? c.Image }));
  return { model: new ContainerdModel(records, facts, cdContainers), lastTagTime };
}
