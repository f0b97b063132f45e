import type Docker from 'dockerode';
import { containerObject, imageObject } from '../../engine/engine-objects';
import { toContainerBrief } from '../../containers/brief';
import { mapPool } from '../../map-pool';
import { readImageContent, type ImageContent } from './content';
import { ContainerdModel, type CdContainer, type CdImageFacts } from './model';
import { danglingName, parseNamed, type CdRecord } from './names';

const WARM_BATCH = 10;

/** What stays true per image ID (content) and per container ID (the name it was created from). */
export class ContainerdFactsCache {
  private readonly content = new Map<string, ImageContent | null>();
  /** Reads under way, so two previews asked at once stream each image once. */
  private readonly reading = new Map<string, Promise<void>>();
  private warming: Promise<void> | null = null;
  private stopped = false;
  readonly containerImages = new Map<string, string>();

  /** What is known of an image's content: null when it could not be read, undefined when not yet read. */
  get(id: string): ImageContent | null | undefined {
    return this.content.get(id);
  }

  has(id: string): boolean {
    return this.content.has(id);
  }

  /**
   * Reads, in the background, what the next preview would wait for: on this store a cold preview reads
   * every image once through `docker save` (~60 ms an image), which at a few hundred images is seconds.
   * One small save at a time, so the engine stays responsive; a preview asked meanwhile joins the save
   * under way and reads the rest itself at full speed.
   */
  warm(docker: Docker, ids: readonly string[]): void {
    if (this.warming || this.stopped) return;
    const pending = ids.filter((id) => !this.content.has(id) && !this.reading.has(id));
    if (pending.length === 0) return;
    this.warming = (async () => {
      for (let i = 0; i < pending.length && !this.stopped; i += WARM_BATCH) {
        const batch = pending.slice(i, i + WARM_BATCH).filter((id) => !this.content.has(id) && !this.reading.has(id));
        await this.ensure(docker, batch, 1).catch(() => undefined);
      }
    })().finally(() => {
      this.warming = null;
    });
  }

  /** No more reading ahead: the backend is closing. */
  stop(): void {
    this.stopped = true;
  }

  /** Reads the content of the images not read yet, joining a read already under way. */
  async ensure(docker: Docker, ids: readonly string[], savesAtOnce?: number): Promise<void> {
    const waiting = ids.flatMap((id) => (this.reading.has(id) ? [this.reading.get(id)!] : []));
    const missing = [...new Set(ids)].filter((id) => !this.content.has(id) && !this.reading.has(id));
    if (missing.length > 0) {
      const read = readImageContent(docker, missing, savesAtOnce).then((found) => {
        for (const id of missing) this.content.set(id, found.get(id) ?? null);
      });
      const done = read.finally(() => {
        for (const id of missing) this.reading.delete(id);
      });
      for (const id of missing) this.reading.set(id, done);
      waiting.push(done);
    }
    await Promise.all(waiting);
  }

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
  const docs = await mapPool(list, async (summary) => (await imageObject(docker, summary.Id).inspect()) as unknown as InspectDoc, undefined, signal);
  // Content reads are shared with other callers waiting on the same images: not cut short here.
  await cache.ensure(docker, list.map((i) => i.Id));
  signal?.throwIfAborted();
  await mapPool(
    containers.filter((c) => !cache.containerImages.has(c.Id)),
    async (c) => {
      const info = (await containerObject(docker, c.Id).inspect()) as { Config?: { Image?: string } };
      cache.containerImages.set(c.Id, info.Config?.Image ?? c.Image);
    },
    undefined,
    signal,
  );

  const records: CdRecord[] = [];
  const facts = new Map<string, CdImageFacts>();
  const lastTagTime = new Map<string, number>();
  list.forEach((summary, i) => {
    const doc = docs[i]!;
    records.push(...recordsOf(doc, summary.ParentId ?? ''));
    const content = cache.get(summary.Id) ?? null;
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
