import { describe, expect, it } from 'vitest';
import type { TreeNode } from '../../../shared/layer-types';
import { isMore, treeKey, visibleRows, type LoadedDir, type MoreRow, type TreeRow } from './tree-rows';

const node = (path: string, kind: TreeNode['kind'] = 'file'): TreeNode => ({ name: path.split('/').pop()!, path, kind, size: 1, mode: 0o644, uid: 0, gid: 0, link: null, change: 'added', layer: 0, children: 0 });

describe('file tree rows', () => {
  const loaded = new Map<string, LoadedDir>([
    ['', { nodes: [node('etc', 'dir'), node('usr', 'dir'), node('README')], total: 3 }],
    ['etc', { nodes: [node('etc/passwd')], total: 1 }],
  ]);

  it('shows an open folder’s entries right under it, one level deeper', () => {
    const rows = visibleRows(loaded, new Set(['etc']));
    expect(rows.map((r) => (isMore(r) ? 'more' : `${r.depth}:${r.node.path}`))).toEqual(['0:etc', '1:etc/passwd', '0:usr', '0:README']);
  });

  it('marks an open folder whose entries are still on their way', () => {
    const rows = visibleRows(loaded, new Set(['usr']));
    expect(rows.find((r) => !isMore(r) && r.node.path === 'usr')).toMatchObject({ expanded: true, loading: true });
  });

  it('ends a folder shown in part with a line offering the rest', () => {
    const rows = visibleRows(new Map([['', { nodes: [node('a')], total: 10_000 }]]), new Set());
    expect(rows.at(-1)).toEqual({ more: { dir: '', shown: 1, total: 10_000, depth: 0 } });
  });
});

describe('keys in the file tree', () => {
  const rows: (TreeRow | MoreRow)[] = [
    { node: node('etc', 'dir'), depth: 0, expanded: true, loading: false },
    { node: node('etc/hosts'), depth: 1, expanded: false, loading: false },
    { more: { dir: 'etc', shown: 1, total: 9, depth: 1 } },
    { node: node('usr', 'dir'), depth: 0, expanded: false, loading: false },
  ];

  it('moves down and up over the entries, skipping "show more" lines, and stops at the ends', () => {
    expect(treeKey(rows, null, 'ArrowDown')).toEqual({ focus: 'etc' });
    expect(treeKey(rows, 'etc/hosts', 'ArrowDown')).toEqual({ focus: 'usr' });
    expect(treeKey(rows, 'usr', 'ArrowDown')).toEqual({ focus: 'usr' });
    expect(treeKey(rows, 'usr', 'ArrowUp')).toEqual({ focus: 'etc/hosts' });
    expect(treeKey(rows, 'etc/hosts', 'Home')).toEqual({ focus: 'etc' });
    expect(treeKey(rows, 'etc', 'End')).toEqual({ focus: 'usr' });
  });

  it('opens a closed folder with → and steps into an open one; ← closes it or steps up to its folder', () => {
    expect(treeKey(rows, 'usr', 'ArrowRight')).toEqual({ toggle: 'usr' });
    expect(treeKey(rows, 'etc', 'ArrowRight')).toEqual({ focus: 'etc/hosts' });
    expect(treeKey(rows, 'etc', 'ArrowLeft')).toEqual({ toggle: 'etc' });
    expect(treeKey(rows, 'etc/hosts', 'ArrowLeft')).toEqual({ focus: 'etc' });
    expect(treeKey(rows, 'usr', 'ArrowLeft')).toBeNull();
    expect(treeKey(rows, 'etc/hosts', 'ArrowRight')).toBeNull();
  });

  it('opens and closes a folder with Enter or Space, and does nothing on a file', () => {
    expect(treeKey(rows, 'usr', 'Enter')).toEqual({ toggle: 'usr' });
    expect(treeKey(rows, 'etc', ' ')).toEqual({ toggle: 'etc' });
    expect(treeKey(rows, 'etc/hosts', 'Enter')).toBeNull();
    expect(treeKey([], null, 'ArrowDown')).toBeNull();
  });
});
