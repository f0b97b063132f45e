import type { TreeNode } from '../../../shared/layer-types';

export interface LoadedDir {
  nodes: TreeNode[];
  total: number;
}

export interface TreeRow {
  node: TreeNode;
  depth: number;
  expanded: boolean;
  /** The folder is open but its entries have not arrived yet. */
  loading: boolean;
}

/** A "show more" line after a folder's first page, for the rare folder past one page. */
export interface MoreRow {
  more: { dir: string; shown: number; total: number; depth: number };
}

/** The lines on screen: each open folder's entries under it, depth first, as a file manager's tree. */
export function visibleRows(loaded: ReadonlyMap<string, LoadedDir>, expanded: ReadonlySet<string>, dir = '', depth = 0, out: (TreeRow | MoreRow)[] = []): (TreeRow | MoreRow)[] {
  const page = loaded.get(dir);
  if (!page) return out;
  for (const node of page.nodes) {
    const open = node.kind === 'dir' && expanded.has(node.path);
    out.push({ node, depth, expanded: open, loading: open && !loaded.has(node.path) });
    if (open) visibleRows(loaded, expanded, node.path, depth + 1, out);
  }
  if (page.nodes.length < page.total) out.push({ more: { dir, shown: page.nodes.length, total: page.total, depth } });
  return out;
}

export const isMore = (row: TreeRow | MoreRow): row is MoreRow => 'more' in row;
