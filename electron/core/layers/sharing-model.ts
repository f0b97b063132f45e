import { createHash } from 'node:crypto';
import type { LayerSharing, SharingGroup, SharingImage } from '../../../shared/sharing-types';

export interface Unit {
  key: string;
  size: number;
}

/** One image as the store holds it: its layers in order, and any other units that are its own. */
export interface SharingInput {
  id: string;
  names: string[];
  containers: number;
  /** Images whose parent is this one: they keep it. */
  children: number;
  /** What `docker rmi` of the image alone frees, simulated as the removal preview does; null: its unique bytes. */
  frees: number | null;
  /** Bottom first; null when the image's content could not be read. */
  layers: Unit[] | null;
  /** Units beside the layers (the containerd store's manifests and configs). */
  extra: Unit[];
}

interface TrieNode {
  key: string;
  size: number;
  images: string[];
  children: Map<string, TrieNode>;
}

/** Images under a node, and the node itself with its single-child runs folded in. */
function fold(start: TrieNode): SharingGroup {
  let node = start;
  let layers = 1;
  let bytes = node.size;
  // A run that no image ends at and none branches from is one group.
  while (node.images.length === 0 && node.children.size === 1) {
    node = node.children.values().next().value!;
    layers += 1;
    bytes += node.size;
  }
  const children = [...node.children.values()].map(fold).sort(byDependants);
  const dependants = node.images.length + children.reduce((sum, c) => sum + c.dependants, 0);
  return { key: node.key, layers, bytes, images: node.images, dependants, children };
}

function byDependants(a: SharingGroup, b: SharingGroup): number {
  return b.dependants - a.dependants || b.bytes - a.bytes || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * Shared and unique bytes per image, and the tree of layer runs images start with. A unit is shared
 * when another image holds it too; what no other image holds is what removing the image alone frees.
 */
export function buildSharing(inputs: readonly SharingInput[], accounting: LayerSharing['accounting'], measuredAt: number): LayerSharing {
  const holders = new Map<string, Set<string>>();
  const sizes = new Map<string, number>();
  const unitsOf = new Map<string, Unit[]>();
  for (const input of inputs) {
    if (input.layers === null) continue;
    const own = new Map<string, Unit>();
    for (const unit of [...input.layers, ...input.extra]) own.set(unit.key, unit);
    unitsOf.set(input.id, [...own.values()]);
    for (const unit of own.values()) {
      sizes.set(unit.key, unit.size);
      let set = holders.get(unit.key);
      if (!set) holders.set(unit.key, (set = new Set()));
      set.add(input.id);
    }
  }

  const images: SharingImage[] = inputs.map((input) => {
    const units = unitsOf.get(input.id);
    const facts = { id: input.id, names: input.names, containers: input.containers, children: input.children };
    if (!units) return { ...facts, layers: 0, totalBytes: null, sharedBytes: null, uniqueBytes: null, freesBytes: null, sharedWith: 0 };
    let total = 0;
    let shared = 0;
    const others = new Set<string>();
    for (const unit of units) {
      total += unit.size;
      const set = holders.get(unit.key)!;
      if (set.size > 1) shared += unit.size;
      for (const other of set) if (other !== input.id) others.add(other);
    }
    const unique = total - shared;
    return { ...facts, layers: input.layers!.length, totalBytes: total, sharedBytes: shared, uniqueBytes: unique, freesBytes: input.frees ?? unique, sharedWith: others.size };
  });

  const top = new Map<string, TrieNode>();
  for (const input of inputs) {
    if (!input.layers || input.layers.length === 0) continue;
    let level = top;
    let node: TrieNode | null = null;
    for (const unit of input.layers) {
      let next = level.get(unit.key);
      if (!next) {
        // Folded onto the run below, as a chain ID is: the same blob above two different runs is two places.
        const key: string = node ? createHash('sha256').update(`${node.key} ${unit.key}`).digest('hex') : unit.key;
        level.set(unit.key, (next = { key, size: unit.size, images: [], children: new Map() }));
      }
      node = next;
      level = next.children;
    }
    node!.images.push(input.id);
  }

  let totalBytes = 0;
  let sharedBytes = 0;
  for (const [key, set] of holders) {
    totalBytes += sizes.get(key)!;
    if (set.size > 1) sharedBytes += sizes.get(key)!;
  }
  return {
    accounting,
    images,
    roots: [...top.values()].map(fold).sort(byDependants),
    totalBytes,
    sharedBytes,
    unknown: inputs.filter((i) => i.layers === null).length,
    measuredAt,
  };
}
