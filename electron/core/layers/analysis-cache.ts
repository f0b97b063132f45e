import type { TreeView } from '../../../shared/layer-types';
import type { AnalysedImage } from './layer-analysis';
import type { TreeFilter, TreeIndex } from './layer-tree';

/**
 * Analyses by image ID and platform. An image ID names its content, so an entry never goes stale; the
 * bound is on what they hold (entries), so a few huge images cannot take the host's memory.
 */
export class AnalysisCache {
  private readonly images = new Map<string, AnalysedImage>();
  private tree: { image: string; key: string; index: TreeIndex } | null = null;

  constructor(private readonly maxWeight = 4_000_000) {}

  static key(imageId: string, platform: string | null): string {
    return `${imageId}|${platform ?? ''}`;
  }

  get(key: string): AnalysedImage | undefined {
    const found = this.images.get(key);
    if (found) {
      // Most recently used last: eviction takes from the front.
      this.images.delete(key);
      this.images.set(key, found);
    }
    return found;
  }

  set(key: string, image: AnalysedImage): void {
    this.images.delete(key);
    this.images.set(key, image);
    let weight = [...this.images.values()].reduce((n, i) => n + i.weight, 0);
    for (const [k, i] of this.images) {
      if (weight <= this.maxWeight || k === key) break;
      this.images.delete(k);
      weight -= i.weight;
      if (this.tree?.image === k) this.tree = null;
    }
  }

  /** The last tree asked for is kept: expanding folder after folder of one view is the common walk. */
  treeOf(key: string, layer: number, view: TreeView, filter: TreeFilter, build: () => TreeIndex): TreeIndex {
    const treeKey = JSON.stringify([key, layer, view, filter.text, [...filter.kinds].sort()]);
    if (this.tree?.key === treeKey) return this.tree.index;
    const index = build();
    this.tree = { image: key, key: treeKey, index };
    return index;
  }
}
