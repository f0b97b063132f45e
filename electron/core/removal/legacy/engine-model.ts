import { isActiveContainer } from '../../../../shared/container-state';
import { shortId } from '../../../../shared/format';
import { parseReference } from '../../../../shared/reference';
import { isIdPrefix, toModelRef, type DeleteRecord, type DeleteResult, type ImageGraph, type ModelConflict, type ModelContainer, type ModelImage, type ModelRef } from '../image-graph';

export interface ModelLayer {
  chainId: string;
  parent: string | null;
  size: number;
}

/** All references in one repository with at most one tag: what the engine treats as "single". */
function isSingleReference(refs: ModelRef[]): boolean {
  if (refs.length <= 1) return refs.length === 1;
  const tagged = refs.filter((r) => r.tagged);
  if (tagged.length > 1) return false;
  const digestNames = new Set(refs.filter((r) => !r.tagged).map((r) => r.name));
  const single = tagged[0] ?? refs[0]!;
  return digestNames.size === 1 && digestNames.has(single.name);
}

/**
 * The legacy (graph-driver) store: an in-memory copy of the engine's image, layer and container graph, and the engine's own rules for
 * deleting from it (image delete with its conflicts, parent pruning, layer release). Previews run
 * these rules on a copy, so what we show is what the engine will do.
 */
export class EngineModel implements ImageGraph {
  readonly images = new Map<string, ModelImage>();
  readonly layers = new Map<string, ModelLayer>();
  readonly containers: ModelContainer[];
  private readonly refCount = new Map<string, number>();

  constructor(images: ModelImage[], layers: ModelLayer[], containers: ModelContainer[]) {
    for (const i of images) this.images.set(i.id, { ...i, refs: [...i.refs] });
    for (const l of layers) this.layers.set(l.chainId, { ...l });
    this.containers = containers.map((c) => ({ ...c }));
    // A layer is held by each image on top of it, each layer built on it, and each container's RW layer.
    const hold = (chain: string | null) => {
      if (chain) this.refCount.set(chain, (this.refCount.get(chain) ?? 0) + 1);
    };
    for (const i of this.images.values()) hold(i.topChain);
    for (const l of this.layers.values()) hold(l.parent);
    for (const c of this.containers) hold(this.images.get(c.imageId)?.topChain ?? null);
  }

  clone(): EngineModel {
    return new EngineModel([...this.images.values()], [...this.layers.values()], this.containers);
  }

  unitSize(id: string): number | undefined {
    return this.layers.get(id)?.size;
  }

  storage(): ReadonlyMap<string, number> {
    return new Map([...this.layers.values()].map((l) => [l.chainId, l.size]));
  }

  children(id: string): ModelImage[] {
    return [...this.images.values()].filter((i) => i.parent === id);
  }

  containersOf(id: string): ModelContainer[] {
    return this.containers.filter((c) => c.imageId === id);
  }

  /** The engine's lookup order: a reference it knows, else an image ID (full, or a unique prefix). */
  resolve(input: string): ModelImage | null {
    const parsed = /^[a-f0-9]{64}$/.test(input) ? null : parseReference(input);
    if (parsed?.ok) {
      const familiar = parsed.ref.familiar;
      for (const image of this.images.values()) if (image.refs.some((r) => r.text === familiar)) return image;
    }
    const matches = [...this.images.values()].filter((i) => isIdPrefix(i.id, input.replace(/^sha256:/, '')) || i.id === input);
    return matches.length === 1 ? matches[0]! : null;
  }

  /** `docker rmi [-f] INPUT` (prune = not --no-prune). */
  deleteImage(input: string, force: boolean, prune = true): DeleteResult {
    const image = this.resolve(input);
    if (!image) return { ok: false, notFound: input };
    const records: DeleteRecord[] = [];
    let quiet = false;
    if (!isIdPrefix(image.id, input)) {
      const parsed = parseReference(input);
      const text = parsed.ok ? parsed.ref.familiar : input;
      const user = this.containersOf(image.id)[0];
      if (!force && isSingleReference(image.refs) && user) {
        return this.conflict('container-using-reference', false, true, image.id, user.id, `conflict: unable to remove repository reference "${input}" (must force) - container ${shortId(user.id)} is using its referenced image ${shortId(image.id)}`);
      }
      const removed = toModelRef(text);
      image.refs = image.refs.filter((r) => r.text !== text);
      records.push({ untagged: text });
      // The last tag of a repository takes that repository's digests with it.
      if (removed.tagged && !image.refs.some((r) => r.tagged && r.name === removed.name)) {
        for (const r of image.refs.filter((x) => !x.tagged && x.name === removed.name)) records.push({ untagged: r.text });
        image.refs = image.refs.filter((r) => r.tagged || r.name !== removed.name);
      }
      if (image.refs.length > 0) return { ok: true, records };
      quiet = true;
    } else if (isSingleReference(image.refs)) {
      const blocking = this.check(image.id, force ? ['hard'] : ['hard', 'stopped']);
      if (blocking) return { ok: false, conflict: blocking };
      for (const r of image.refs) records.push({ untagged: r.text });
      image.refs = [];
    }
    const conflict = this.deleteHelper(image.id, records, force, prune, quiet);
    return conflict ? { ok: false, conflict } : { ok: true, records };
  }

  private deleteHelper(id: string, records: DeleteRecord[], force: boolean, prune: boolean, quiet: boolean): ModelConflict | null {
    const image = this.images.get(id);
    if (!image) return null;
    const conflict = this.check(id, force ? ['hard'] : ['hard', 'references', 'stopped']);
    if (conflict) {
      const dangling = image.refs.length === 0 && this.children(id).length === 0;
      return quiet && (!dangling || conflict.used) ? null : conflict;
    }
    for (const r of image.refs) records.push({ untagged: r.text });
    image.refs = [];
    this.images.delete(id);
    records.push({ deleted: id });
    for (const chain of this.release(image.topChain)) records.push({ deleted: chain });
    if (!prune || !image.parent) return null;
    return this.deleteHelper(image.parent, records, false, true, true);
  }

  private check(id: string, kinds: ('hard' | 'references' | 'stopped')[]): ModelConflict | null {
    const image = this.images.get(id)!;
    const users = this.containersOf(id);
    const fail = (kind: ModelConflict['kind'], hard: boolean, used: boolean, why: string, containerId?: string) =>
      this.conflict(kind, hard, used, id, containerId, `conflict: unable to delete ${shortId(id)} (${hard ? 'cannot be forced' : 'must be forced'}) - ${why}`).conflict;
    if (kinds.includes('hard')) {
      if (this.children(id).length > 0) return fail('child-images', true, false, 'image has dependent child images');
      const running = users.find((c) => isActiveContainer(c.state));
      if (running) return fail('running-container', true, true, `image is being used by running container ${shortId(running.id)}`, running.id);
    }
    if (kinds.includes('references') && image.refs.length > 0) return fail('multiple-repositories', false, false, 'image is referenced in multiple repositories');
    if (kinds.includes('stopped')) {
      const stopped = users.find((c) => !isActiveContainer(c.state));
      if (stopped) return fail('stopped-container', false, true, `image is being used by stopped container ${shortId(stopped.id)}`, stopped.id);
    }
    return null;
  }

  private conflict(kind: ModelConflict['kind'], hard: boolean, used: boolean, imageId: string, containerId: string | undefined, message: string) {
    const conflict: ModelConflict = { kind, hard, used, imageId, message };
    if (containerId) conflict.containerId = containerId;
    return { ok: false as const, conflict };
  }

  /** Drop one hold on a layer; layers nobody holds go, and release their parent in turn. */
  private release(chain: string | null): string[] {
    const removed: string[] = [];
    let current = chain;
    while (current) {
      const left = (this.refCount.get(current) ?? 0) - 1;
      this.refCount.set(current, left);
      if (left > 0) break;
      removed.push(current);
      const layer = this.layers.get(current);
      this.layers.delete(current);
      current = layer?.parent ?? null;
    }
    return removed;
  }
}
