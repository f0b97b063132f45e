import { isActiveContainer } from '../../../../shared/container-state';
import { shortId } from '../../../../shared/format';
import { isIdPrefix, toModelRef, type DeleteRecord, type DeleteResult, type ImageGraph, type ModelConflict, type ModelContainer, type ModelImage } from '../image-graph';
import { DANGLING_PREFIX, danglingName, familiarName, isDangling, parseAny, parseNamed, TRUNCATED_ID, type CdRecord, type NamedRef } from './names';

/**
 * The containerd image store: name records pointing at image IDs, and Docker 26's rules for deleting
 * them (daemon/containerd/image_delete.go), ported step by step so a preview runs the same decisions
 * the engine will. Content blobs go when no record reaches them any more; that accounting is done
 * over the blob sets each image's manifest lists.
 */

export interface Blob {
  digest: string;
  size: number;
}

/** What never changes for an image ID. `blobs` is null when its content could not be read. */
export interface CdImageFacts {
  id: string;
  /** Milliseconds (the config's created time). */
  created: number;
  labels: Record<string, string>;
  /** As images/json reports it: content plus unpacked snapshots. */
  size: number;
  /** Content bytes of the best platform (inspect's Size): an upper bound when blobs are unknown. */
  contentSize: number;
  blobs: Blob[] | null;
}

export interface CdContainer extends ModelContainer {
  /** The reference the container was created from (Config.Image), which prune keeps. */
  configImage: string;
}

type Resolution = { img: CdRecord | null; all: CdRecord[] } | { notFound: true };

const CONFLICT_HARD = 1;
const CONFLICT_ACTIVE_REFERENCE = 2;
const CONFLICT_STOPPED = 4;
const CONFLICT_SOFT = CONFLICT_ACTIVE_REFERENCE | CONFLICT_STOPPED;

export class ContainerdModel implements ImageGraph {
  private records: CdRecord[];
  private view: Map<string, ModelImage> | null = null;
  /** Blobs already counted as freed by an earlier step of the same simulation. */
  private readonly freed = new Set<string>();
  /** Images whose content could not be read took part: bytes are then a lower bound… */
  contentUnknown = false;
  /** …and at most this many more bytes go. */
  unknownBytes = 0;

  constructor(
    records: CdRecord[],
    readonly facts: ReadonlyMap<string, CdImageFacts>,
    readonly containers: readonly CdContainer[],
  ) {
    // The store lists records sorted by name; several rules take "the first".
    this.records = [...records].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  clone(): ContainerdModel {
    return new ContainerdModel(this.records, this.facts, this.containers);
  }

  allRecords(): readonly CdRecord[] {
    return this.records;
  }

  // ── ImageGraph ─────────────────────────────────────────────────────────────────────────────

  get images(): ReadonlyMap<string, ModelImage> {
    this.view ??= this.buildView();
    return this.view;
  }

  children(id: string): ModelImage[] {
    const ids = new Set(this.records.filter((r) => r.parent === id).map((r) => r.target));
    return [...ids].flatMap((i) => (this.images.get(i) ? [this.images.get(i)!] : []));
  }

  containersOf(id: string): ModelContainer[] {
    return this.containers.filter((c) => c.imageId === id);
  }

  resolve(input: string): ModelImage | null {
    const r = this.resolveAllReferences(input);
    if ('notFound' in r) return null;
    const target = r.img?.target ?? r.all[0]?.target;
    return target ? (this.images.get(target) ?? null) : null;
  }

  unitSize(): number | undefined {
    return undefined;
  }

  // ── the store's own operations ─────────────────────────────────────────────────────────────

  recordsOf(target: string): CdRecord[] {
    return this.records.filter((r) => r.target === target);
  }

  hasRecord(name: string): boolean {
    return this.records.some((r) => r.name === name);
  }

  deleteRecord(name: string): void {
    this.records = this.records.filter((r) => r.name !== name);
    this.view = null;
  }

  createRecord(record: CdRecord): void {
    if (this.hasRecord(record.name)) return;
    this.records = [...this.records, record].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.view = null;
  }

  /** resolveImage: a name's own record, a digest's first record, or a unique short ID. */
  resolveImage(refOrId: string): CdRecord | null {
    const parsed = parseAny(refOrId);
    if (!parsed) return null;
    if (parsed.kind === 'digest') return this.records.find((r) => r.target === parsed.digest) ?? null;
    if (parsed.digest) {
      const candidates = this.records.filter((r) => r.target === parsed.digest);
      return candidates.find((r) => parseNamed(r.name)?.repo === parsed.repo) ?? null;
    }
    const exact = this.records.find((r) => r.name === parsed.full);
    if (exact) return exact;
    if (!TRUNCATED_ID.test(refOrId)) return null;
    const matches = this.byIdPrefix(refOrId, parsed.full);
    if (matches.length === 0) return null;
    if (matches.length > 1) {
      const named = matches.find((r) => r.name === parsed.full);
      if (named) return named;
      if (new Set(matches.map((r) => r.target)).size > 1) return null;
    }
    return matches[0]!;
  }

  /** Records named `name`, or whose target starts with the short ID (the engine's two filters). */
  private byIdPrefix(input: string, name: string): CdRecord[] {
    const hex = input.replace(/^sha256:/, '');
    return this.records.filter((r) => r.name === name || (r.target.startsWith(`sha256:${hex}`) && r.target.length === 71));
  }

  /** resolveAllReferences: the record the input names (if any) and every record with the same target. */
  resolveAllReferences(refOrId: string): Resolution {
    const parsed = parseAny(refOrId);
    if (!parsed) return { notFound: true };
    let img: CdRecord | null = null;
    let digest = '';
    if (TRUNCATED_ID.test(refOrId)) {
      if (parsed.kind === 'digest') {
        img = this.records.find((r) => r.name === parsed.digest) ?? null;
        digest = img ? img.target : parsed.digest;
      } else {
        const matches = this.byIdPrefix(refOrId, parsed.full);
        if (matches.length === 0) return { notFound: true };
        for (const m of matches) {
          if (m.name === parsed.full) img = m;
          if (digest && m.target !== digest) return { notFound: true }; // ambiguous
          digest ||= m.target;
        }
        if (img === null || matches.length > 1) return { img, all: matches };
      }
    } else {
      if (parsed.kind === 'digest') return { notFound: true };
      if (parsed.digest) digest = parsed.digest;
      const found = this.records.find((r) => r.name === parsed.full) ?? null;
      if (found) {
        img = found;
        digest = found.target;
      } else if (!digest) {
        return { notFound: true };
      }
    }
    const all = this.recordsOf(digest);
    if (all.length === 0) return { notFound: true };
    return { img, all };
  }

  /** getSameReferences: the records one `docker rmi NAME` removes together. */
  private sameReferences(named: NamedRef | null, imgs: CdRecord[]): CdRecord[] {
    let tag = '';
    let allTags = false;
    let current = named;
    let digestRefs: CdRecord[] | null = [];
    const same: CdRecord[] = [];
    if (current) {
      if (current.tag) tag = current.tag;
      else if (current.digest) allTags = true;
    }
    for (const ref of imgs) {
      if (!isDangling(ref)) {
        const repoRef = parseNamed(ref.name);
        if (repoRef) {
          if (current === null) {
            current = repoRef;
            if (repoRef.tag && !repoRef.digest) tag = repoRef.tag;
          } else if (current.repo !== repoRef.repo) {
            continue;
          } else if (!allTags) {
            if (repoRef.tag && !repoRef.digest) {
              if (tag === '') tag = repoRef.tag;
              else if (tag !== repoRef.tag) {
                digestRefs = null;
                continue;
              }
            } else {
              digestRefs?.push(ref);
              continue;
            }
          }
        }
      }
      same.push(ref);
    }
    if (digestRefs) same.push(...digestRefs);
    return same;
  }

  /** `docker rmi [-f] INPUT`, with the engine's parent pruning, then what the content store frees. */
  deleteImage(input: string, force: boolean): DeleteResult {
    const before = new Set(this.records.map((r) => r.target));
    const result = this.imageDelete(input, force);
    if (!result.ok) return result;
    return { ok: true, records: [...this.settle(result.records), ...this.collectGarbage(before)] };
  }

  private imageDelete(imageRef: string, force: boolean): DeleteResult {
    let c = force ? 0 : CONFLICT_SOFT;
    const resolved = this.resolveAllReferences(imageRef);
    if ('notFound' in resolved) return { ok: false, notFound: imageRef };
    const { img, all } = resolved;
    let imgId: string;
    if (img === null) {
      imgId = all[0]!.target;
      const named = isIdPrefix(imgId, imageRef) ? null : parseNamed(imageRef);
      const same = this.sameReferences(named, all);
      if (same.length === 0 && named) return { ok: false, notFound: imageRef };
      if (same.length === all.length && !force) c &= ~CONFLICT_ACTIVE_REFERENCE;
      if (named && same.length > 0 && same.length !== all.length) return { ok: true, records: this.untagAll(same) };
    } else {
      imgId = img.target;
      const explicitDangling = imageRef.startsWith(DANGLING_PREFIX) && isDangling(img);
      if (isIdPrefix(imgId, imageRef) || explicitDangling) return this.deleteAll(imgId, all, c);
      const parsedRef = parseNamed(img.name);
      if (!parsedRef) return { ok: false, notFound: imageRef };
      const same = this.sameReferences(parsedRef, all);
      if (same.length !== all.length) return { ok: true, records: this.untagAll(same) };
      if (all.length > 1 && !force) c &= ~CONFLICT_ACTIVE_REFERENCE;
      const user = this.containers.find((ctr) => ctr.imageId === imgId);
      if (user) {
        const familiar = familiarName(img);
        if (!force) {
          return this.conflict('container-using-reference', false, true, imgId, user.id, `conflict: unable to delete ${familiar} (must be forced) - container ${shortId(user.id)} is using its referenced image ${shortId(imgId)}`);
        }
        // Force only frees the name: a container still holds the image, which stays without one.
        if (all.length === 1) this.createRecord({ name: danglingName(img.target), target: img.target, parent: img.parent });
        this.deleteRecord(img.name);
        return { ok: true, records: [{ untagged: familiar }] };
      }
    }
    return this.deleteAll(imgId, all, c);
  }

  private untagAll(records: CdRecord[]): DeleteRecord[] {
    return records.map((r) => {
      this.deleteRecord(r.name);
      return { untagged: familiarName(r) };
    });
  }

  /** deleteAll: every record of the image, then its dangling parents (quietly), as the engine does. */
  private deleteAll(imgId: string, all: CdRecord[], c: number): DeleteResult {
    const parents = this.parents(imgId);
    const records: DeleteRecord[] = [];
    for (const record of all) {
      const conflict = this.deleteHelper(record, all, records, c);
      // Every record shares the target and `all`, so the first check decides for all of them.
      if (conflict) return { ok: false, conflict };
    }
    records.push({ deleted: imgId });
    for (const parent of parents) {
      if (!isDangling(parent)) break;
      if (this.deleteHelper(parent, all, records, CONFLICT_SOFT)) break;
      records.push({ deleted: parent.target });
    }
    return { ok: true, records };
  }

  /** imageDeleteHelper: refuse on a conflict; keep an image that has children as dangling. */
  private deleteHelper(record: CdRecord, all: CdRecord[], records: DeleteRecord[], extra: number): ModelConflict | null {
    const conflict = this.check(record.target, all, CONFLICT_HARD | extra);
    if (conflict) return conflict;
    if (!isDangling(record) && all.length === 1 && extra & CONFLICT_ACTIVE_REFERENCE && this.records.some((r) => r.parent === record.target)) {
      this.createRecord({ name: danglingName(record.target), target: record.target, parent: record.parent });
    }
    this.deleteRecord(record.name);
    if (!isDangling(record)) records.push({ untagged: familiarName(record) });
    return null;
  }

  private check(imgId: string, all: CdRecord[], mask: number): ModelConflict | null {
    if (mask & CONFLICT_HARD) {
      const running = this.containers.find((c) => c.imageId === imgId && isActiveContainer(c.state));
      if (running) return this.conflict('running-container', true, true, imgId, running.id, `conflict: unable to delete ${shortId(imgId)} (cannot be forced) - image is being used by running container ${shortId(running.id)}`).conflict;
    }
    if (mask & CONFLICT_STOPPED) {
      const stopped = this.containers.find((c) => c.imageId === imgId && !isActiveContainer(c.state));
      if (stopped) return this.conflict('stopped-container', false, true, imgId, stopped.id, `conflict: unable to delete ${shortId(imgId)} (must be forced) - image is being used by stopped container ${shortId(stopped.id)}`).conflict;
    }
    if (mask & CONFLICT_ACTIVE_REFERENCE && all.length > 1) {
      return this.conflict('multiple-repositories', false, false, imgId, undefined, `conflict: unable to delete ${shortId(imgId)} (must be forced) - image is referenced in multiple repositories`).conflict;
    }
    return null;
  }

  private conflict(kind: ModelConflict['kind'], hard: boolean, used: boolean, imageId: string, containerId: string | undefined, message: string) {
    const conflict: ModelConflict = { kind, hard, used, imageId, message };
    if (containerId) conflict.containerId = containerId;
    return { ok: false as const, conflict };
  }

  /**
   * The parent chain by label, each parent being its first record by name. Like the engine, a chain
   * with a missing link yields no parents at all (it errors out and prunes nothing).
   */
  private parents(id: string): CdRecord[] {
    const out: CdRecord[] = [];
    let current = this.resolveImage(id);
    const seen = new Set<string>();
    while (current?.parent && !seen.has(current.parent)) {
      seen.add(current.parent);
      const parent = this.resolveImage(current.parent);
      if (!parent) return [];
      out.push(parent);
      current = parent;
    }
    return out;
  }

  /**
   * The engine reports "Deleted" for an image it keeps as dangling (because children use it): say what
   * really happens instead, so the preview never claims an image goes when it stays.
   */
  private settle(records: DeleteRecord[]): DeleteRecord[] {
    return records.map((r) => ('deleted' in r && this.records.some((x) => x.target === r.deleted) ? { keptUntagged: r.deleted } : r));
  }

  /** After a step: the blobs no remaining record reaches, which the store's garbage collection removes. */
  collectGarbage(targetsBefore: Set<string>): DeleteRecord[] {
    const remaining = new Set(this.records.map((r) => r.target));
    const gone = [...targetsBefore].filter((t) => !remaining.has(t));
    if (gone.length === 0) return [];
    const reachable = new Set<string>();
    for (const target of remaining) {
      const blobs = this.facts.get(target)?.blobs;
      if (blobs) for (const b of blobs) reachable.add(b.digest);
    }
    const out: DeleteRecord[] = [];
    for (const target of gone) {
      const blobs = this.facts.get(target)?.blobs;
      if (!blobs) {
        this.contentUnknown = true;
        this.unknownBytes += this.facts.get(target)?.contentSize ?? 0;
        continue;
      }
      for (const b of blobs) {
        if (reachable.has(b.digest) || this.freed.has(b.digest)) continue;
        this.freed.add(b.digest);
        out.push({ freed: b.digest, size: b.size });
      }
    }
    return out;
  }

  private buildView(): Map<string, ModelImage> {
    const view = new Map<string, ModelImage>();
    for (const r of this.records) {
      let image = view.get(r.target);
      if (!image) {
        const facts = this.facts.get(r.target);
        image = { id: r.target, parent: r.parent, refs: [], created: facts?.created ?? 0, size: facts?.size ?? 0, labels: facts?.labels ?? {}, topChain: null };
        view.set(r.target, image);
      }
      if (!isDangling(r)) image.refs.push(toModelRef(familiarName(r)));
    }
    // Tags first, as the engine lists RepoTags before RepoDigests.
    for (const image of view.values()) image.refs.sort((a, b) => Number(b.tagged) - Number(a.tagged));
    return view;
  }
}
