import { describe, expect, it } from 'vitest';
import type { TreeNode } from '../../../shared/layer-types';
import { isMore, visibleRows, type LoadedDir } from './tree-rows';

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
