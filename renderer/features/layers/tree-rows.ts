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

/** What a key does in the file tree: move the focus to a path, or open/close a folder. */
export type TreeKeyAction = { focus: string } | { toggle: string } | null;

/**
 * The file managers' tree keys: ↑/↓ move, Home/End jump, → opens a folder (then steps into it), ←
 * closes it (or steps up to its folder), Enter/Space open and close. "Show more" lines are skipped.
 */
export function treeKey(rows: readonly (TreeRow | MoreRow)[], focused: string | null, key: string): TreeKeyAction {
  const nodes = rows.filter((r): r is TreeRow => !isMore(r));
  if (nodes.length === 0) return null;
  const at = focused === null ? -1 : nodes.findIndex((r) => r.node.path === focused);
  const row = at >= 0 ? nodes[at]! : null;
  const move = (i: number) => ({ focus: nodes[Math.max(0, Math.min(nodes.length - 1, i))]!.node.path });
  switch (key) {
    case 'ArrowDown':
      return move(at + 1);
    case 'ArrowUp':
      return move(at < 0 ? 0 : at - 1);
    case 'Home':
      return move(0);
    case 'End':
      return move(nodes.length - 1);
    case 'ArrowRight':
      if (!row) return move(0);
      if (row.node.kind !== 'dir') return null;
      return row.expanded ? (nodes[at + 1] && nodes[at + 1]!.depth > row.depth ? move(at + 1) : null) : { toggle: row.node.path };
    case 'ArrowLeft': {
      if (!row) return move(0);
      if (row.node.kind === 'dir' && row.expanded) return { toggle: row.node.path };
      const slash = row.node.path.lastIndexOf('/');
      return slash < 0 ? null : { focus: row.node.path.slice(0, slash) };
    }
    case 'Enter':
    case ' ':
      return row?.node.kind === 'dir' ? { toggle: row.node.path } : null;
    default:
      return null;
  }
}
