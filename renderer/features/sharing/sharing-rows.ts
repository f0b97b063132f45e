import { shortId } from '../../../shared/format';
import { pathStart } from '../../../shared/reference';
import type { SharingGroup, SharingImage } from '../../../shared/sharing-types';

/** How the view names an image: a tag without a registry host if it has one, else its first name, else its short ID. */
export function imageLabel(image: Pick<SharingImage, 'id' | 'names'>): string {
  return image.names.find((n) => !n.includes('@') && pathStart(n) === 0) ?? image.names[0] ?? shortId(image.id);
}

/** The label first, then the image's other names: for a tooltip. */
export function allNames(image: Pick<SharingImage, 'id' | 'names'>): string {
  const label = imageLabel(image);
  return [label, ...image.names.filter((n) => n !== label)].join('\n');
}

/** Case-insensitive: a name, or the start of the ID (with or without `sha256:`). */
export function imageMatches(image: Pick<SharingImage, 'id' | 'names'>, text: string): boolean {
  const q = text.trim().toLowerCase();
  if (!q) return true;
  const hex = image.id.slice(image.id.indexOf(':') + 1);
  return image.names.some((n) => n.toLowerCase().includes(q)) || hex.startsWith(q.replace(/^sha256:/, ''));
}

export interface GroupRow {
  group: SharingGroup;
  depth: number;
  /** Shown with its children open. */
  open: boolean;
  /** Children the filter keeps. */
  hasChildren: boolean;
}

/**
 * The groups on screen, depth first: every group whose subtree holds an image the filter keeps (all of
 * them without a filter), under its open parents. Iterative, so a deep tree cannot overflow the stack.
 */
export function visibleGroups(roots: readonly SharingGroup[], closed: ReadonlySet<string>, keep: (imageId: string) => boolean = () => true): GroupRow[] {
  const kept = new Map<SharingGroup, boolean>();
  // Post-order: a group is kept when it or anything above it holds a kept image.
  const order: SharingGroup[] = [];
  const stack = [...roots];
  while (stack.length > 0) {
    const g = stack.pop()!;
    order.push(g);
    stack.push(...g.children);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const g = order[i]!;
    kept.set(g, g.images.some(keep) || g.children.some((c) => kept.get(c) === true));
  }
  const rows: GroupRow[] = [];
  const walk: { group: SharingGroup; depth: number }[] = roots.filter((g) => kept.get(g)).map((group) => ({ group, depth: 0 })).reverse();
  while (walk.length > 0) {
    const { group, depth } = walk.pop()!;
    const children = group.children.filter((c) => kept.get(c));
    const open = !closed.has(group.key);
    rows.push({ group, depth, open, hasChildren: children.length > 0 });
    if (open) for (let i = children.length - 1; i >= 0; i--) walk.push({ group: children[i]!, depth: depth + 1 });
  }
  return rows;
}

/** Images that build on a group without ending at it. */
export function buildersAbove(group: SharingGroup): number {
  return group.dependants - group.images.length;
}
