import type { DeletedImage, RemovalPlan, StorageAccounting } from '../../../shared/removal-types';
import type { DeleteRecord, ImageGraph } from './image-graph';

/** Turns the delete records of a simulated run into what the user sees: images, tags, bytes. */
export class PlanBuilder {
  private readonly images: DeletedImage[] = [];
  private readonly untagOnly: { ref: string; imageId: string }[] = [];
  private readonly layers: RemovalPlan['layers'] = [];

  constructor(
    private readonly before: ImageGraph,
    private readonly accounting: StorageAccounting,
  ) {}

  /** The records of one `docker rmi`: the first image deleted is the one named, later ones its pruned parents. */
  add(records: DeleteRecord[]): void {
    let pendingTags: string[] = [];
    let named: DeletedImage | null = null;
    let anchor: string | null = null;
    const flushAsUntagOnly = (imageId?: string) => {
      for (const ref of pendingTags) this.untagOnly.push({ ref, imageId: imageId ?? this.imageOfRef(ref) });
      pendingTags = [];
    };
    const credit = (id: string, size: number) => {
      this.layers.push({ chainId: id, size });
      // What an untagged parent frees, it frees because the named image went: credit the named image.
      if (named) named.freedBytes += size;
    };
    for (const r of records) {
      if ('untagged' in r) {
        pendingTags.push(r.untagged);
      } else if ('keptUntagged' in r) {
        // The engine says "Deleted", yet the image stays without a name (images are built on it).
        flushAsUntagOnly(r.keptUntagged);
        anchor = r.keptUntagged;
      } else if ('freed' in r) {
        credit(r.freed, r.size);
      } else {
        const image = this.before.images.get(r.deleted);
        if (!image) {
          credit(r.deleted, this.before.unitSize(r.deleted) ?? 0);
          continue;
        }
        const entry: DeletedImage = { id: image.id, tags: pendingTags, size: image.size, freedBytes: 0, created: Math.floor(image.created / 1000) };
        const prunedWith = named?.id ?? anchor;
        if (prunedWith) entry.prunedWith = prunedWith;
        named ??= entry;
        pendingTags = [];
        this.images.push(entry);
      }
    }
    // Tags that went without their image going (it has other references, or a container keeps it).
    flushAsUntagOnly();
  }

  /** `after` is the model once the simulated run is over: it knows which tags an untagged image keeps. */
  build(command: string, after: ImageGraph, conflicts: RemovalPlan['conflicts'] = []): RemovalPlan {
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
      accounting: this.accounting,
    };
  }

  private imageOfRef(ref: string): string {
    // The containerd store reports an untagged image's own name as its ID.
    if (this.before.images.has(ref)) return ref;
    for (const image of this.before.images.values()) if (image.refs.some((r) => r.text === ref)) return image.id;
    return '';
  }
}
