import type { LabelFilter } from '../../shared/prune-filters';
import { labelsMatch } from '../../shared/prune-filters';
import type { DeletedImage, RemovalPlan } from '../../shared/removal-types';
import type { DeleteRecord, EngineModel, ModelImage } from './engine-model';

export interface PruneRules {
  danglingOnly: boolean;
  /** Unix seconds; images created after it stay. */
  until: number | null;
  labels: LabelFilter[];
}

/** Turns the delete records of a simulated run into what the user sees: images, tags, bytes. */
export class PlanBuilder {
  private readonly images: DeletedImage[] = [];
  private readonly untagOnly: { ref: string; imageId: string }[] = [];
  private readonly layers: RemovalPlan['layers'] = [];

  constructor(private readonly before: EngineModel) {}

  /** The records of one `docker rmi`: the first image deleted is the one named, later ones its pruned parents. */
  add(records: DeleteRecord[]): void {
    let pendingTags: string[] = [];
    let named: DeletedImage | null = null;
    for (const r of records) {
      if ('untagged' in r) {
        pendingTags.push(r.untagged);
        continue;
      }
      const image = this.before.images.get(r.deleted);
      if (image) {
        const entry: DeletedImage = { id: image.id, tags: pendingTags, size: image.size, freedBytes: 0, created: Math.floor(image.created / 1000) };
        if (named) entry.prunedWith = named.id;
        named ??= entry;
        pendingTags = [];
        this.images.push(entry);
        continue;
      }
      const size = this.before.layers.get(r.deleted)?.size ?? 0;
      this.layers.push({ chainId: r.deleted, size });
      // What an untagged parent frees, it frees because the named image went: credit the named image.
      if (named) named.freedBytes += size;
    }
    // Tags that went without their image going (it has other references, or a container keeps it).
    for (const ref of pendingTags) this.untagOnly.push({ ref, imageId: this.imageOfRef(ref) });
  }

  /** `after` is the model once the simulated run is over: it knows which tags an untagged image keeps. */
  build(command: string, after: EngineModel, conflicts: RemovalPlan['conflicts'] = []): RemovalPlan {
    // A tag removed in an earlier step belongs with its image when a later step deleted that image.
    const deleted = new Map(this.images.map((i) => [i.id, i]));
    const untagOnly = this.untagOnly
      .filter((u) => {
        const image = deleted.get(u.imageId);
        if (image) image.tags.unshift(u.ref);
        return !image;
      })
      .map((u) => ({ ...u, remainingTags: (after.images.get(u.imageId)?.refs ?? []).filter((r) => r.tagged).map((r) => r.text) }));
    return {
      command,
      images: this.images,
      untagOnly,
      conflicts,
      layers: this.layers,
      totalBytes: this.layers.reduce((sum, l) => sum + l.size, 0),
    };
  }

  private imageOfRef(ref: string): string {
    for (const image of this.before.images.values()) if (image.refs.some((r) => r.text === ref)) return image.id;
    return '';
  }
}

function heads(model: EngineModel): ModelImage[] {
  const parents = new Set([...model.images.values()].map((i) => i.parent));
  return [...model.images.values()].filter((i) => !parents.has(i.id));
}

/** `docker image prune` on a copy of the model: the images, tags and layers the engine will remove. */
export function simulatePrune(before: EngineModel, rules: PruneRules, command: string): RemovalPlan {
  const model = before.clone();
  const candidates = (rules.danglingOnly ? heads(model) : [...model.images.values()]).filter((image) => {
    if (image.refs.length === 0 && model.children(image.id).length > 0) return false;
    if (rules.until !== null && image.created / 1000 > rules.until) return false;
    return labelsMatch(rules.labels, image.labels);
  });
  // Newest first; the engine walks a map in random order, which reaches the same end state.
  candidates.sort((a, b) => b.created - a.created);
  const plan = new PlanBuilder(before);
  for (const { id } of candidates) {
    const image = model.images.get(id);
    if (!image) continue;
    if (image.refs.length === 0) {
      const result = model.deleteImage(id.replace(/^sha256:/, ''), false, true);
      if (result.ok) plan.add(result.records);
      continue;
    }
    // Dangling-only prune spares anything with a tag; digest-only references still go.
    if (rules.danglingOnly && image.refs.some((r) => r.tagged)) continue;
    for (const ref of [...image.refs]) {
      const result = model.deleteImage(ref.text, false, true);
      if (result.ok) plan.add(result.records);
    }
  }
  return plan.build(command, model);
}
