import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyse } from './layer-analysis';
import { Stacker, type LayerContents, type LayerEntry } from './layer-stack';
import { buildTree } from './layer-tree';

const file = (path: string, size: number, extra: Partial<LayerEntry> = {}): LayerEntry => ({ path, kind: 'file', size, mode: 0o644, uid: 0, gid: 0, link: null, ...extra });
const dir = (path: string, extra: Partial<LayerEntry> = {}): LayerEntry => ({ path, kind: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0, link: null, ...extra });
const layer = (entries: LayerEntry[], whiteouts: string[] = [], opaques: string[] = []): LayerContents => ({ entries, whiteouts, opaques });
const config = (n: number) => ({ rootfs: { diff_ids: Array.from({ length: n }, (_, i) => `sha256:${String(i).padStart(64, '0')}`) } });
const run = (layers: LayerContents[]) => analyse(layers, config(layers.length), { imageId: 'sha256:x', platform: null, platforms: [], archiveBytes: [], readBytes: 0 });
const fileChanges = (changes: { path: string; change: string; entry: LayerEntry }[]) => changes.filter((c) => c.entry.kind !== 'dir').map((c) => `${c.change} ${c.path} ${c.entry.size}`);

describe('stacking layers', () => {
  it('tells a file added, overwritten with other bytes and deleted apart, layer by layer', () => {
    const image = run([layer([dir('x'), file('x/f', 4)]), layer([dir('x'), file('x/f', 8)]), layer([dir('x')], ['x/f'])]);
    expect(image.changes.map(fileChanges)).toEqual([['added x/f 4'], ['modified x/f 8'], ['removed x/f 8']]);
    expect(image.summary.layers.map((l) => [l.added, l.modified, l.removed, l.writtenBytes, l.removedBytes])).toEqual([
      [2, 0, 0, 4, 0],
      [0, 1, 0, 8, 0],
      [0, 0, 1, 0, 8],
    ]);
  });

  it('applies an opaque directory: everything below it from lower layers is removed, its new content added', () => {
    const image = run([layer([dir('d'), file('d/old', 3), dir('d/sub'), file('d/sub/deep', 5)]), layer([dir('d'), file('d/new', 2)], [], ['d'])]);
    expect(fileChanges(image.changes[1]!)).toEqual(['added d/new 2', 'removed d/old 3', 'removed d/sub/deep 5']);
    expect(image.changes[1]!.find((c) => c.path === 'd/sub')?.change).toBe('removed');
    expect(image.summary.files).toBe(2);
  });

  it('removes a whole directory tree on one whiteout, each removed file listed', () => {
    const image = run([layer([dir('a'), dir('a/b'), file('a/b/c', 7), file('a/top', 1)]), layer([], ['a'])]);
    expect(fileChanges(image.changes[1]!)).toEqual(['removed a/b/c 7', 'removed a/top 1']);
    expect(image.summary.files).toBe(0);
  });

  it('counts a mode change alone as modified, and a directory listed again unchanged as no change', () => {
    const image = run([layer([dir('x'), file('x/m', 5)]), layer([dir('x'), file('x/m', 5, { mode: 0o600 })])]);
    expect(image.changes[1]!.map((c) => `${c.change} ${c.path}`)).toEqual(['modified x/m']);
  });

  it('replaces a directory by a file whole, and a removed path written again by one layer is modified', () => {
    const image = run([layer([dir('p'), file('p/in', 9), file('q', 1)]), layer([file('p', 2), file('q', 3)], ['q'])]);
    expect(fileChanges(image.changes[1]!)).toEqual(['modified p 2', 'removed p/in 9', 'modified q 3']);
  });

  it('keeps links as links, with their targets and no bytes of their own', () => {
    const image = run([layer([file('k', 10), { ...file('h', 0), kind: 'hardlink', link: 'k' }, { ...file('s', 0), kind: 'symlink', link: 'k' }])]);
    expect(image.changes[0]!.map((c) => [c.path, c.entry.kind, c.entry.link, c.entry.size])).toEqual([
      ['h', 'hardlink', 'k', 0],
      ['k', 'file', null, 10],
      ['s', 'symlink', 'k', 0],
    ]);
  });

  it('creates the parent folders a hand-made layer leaves out', () => {
    const image = run([layer([file('deep/er/f', 1)])]);
    expect(image.changes[0]!.map((c) => `${c.change} ${c.path} ${c.entry.kind}`)).toEqual(['added deep dir', 'added deep/er dir', 'added deep/er/f file']);
  });
});

describe('the file tree', () => {
  it('lists folders before files, then names as a file manager does (2 before 10), digits in names included', () => {
    const image = run([layer([file('3', 1), dir('20'), file('file_10', 1), dir('b'), file('file_2', 1), dir('a10'), dir('a9')])]);
    const page = buildTree(image, 0, 'merged', { text: '', kinds: [] }).page('', 0, 50);
    expect(page.nodes.map((n) => n.name)).toEqual(['20', 'a9', 'a10', 'b', '3', 'file_2', 'file_10']);
  });
});

describe('wasted space', () => {
  it('counts every copy but the one that stays, and all copies of what ends up deleted; dive counts every copy', () => {
    const image = run([
      layer([dir('x'), file('x/file', 4), file('x/big', 300_000), file('x/mode', 5), dir('x/opq'), file('x/opq/lower', 6)]),
      layer([dir('x'), file('x/file', 8)]),
      layer([dir('x')], ['x/big']),
      layer([dir('x/opq'), file('x/opq/upper', 6)], [], ['x/opq']),
      layer([dir('x'), file('x/mode', 5, { mode: 0o600 })]),
    ]);
    const wasted = image.summary.wasted;
    expect(wasted.paths.map((p) => [p.path, p.avoidableBytes, p.diveBytes, p.final])).toEqual([
      ['x/big', 300_000, 300_000, 'removed'],
      ['x/opq/lower', 6, 0, 'removed'],
      ['x/mode', 5, 10, 'present'],
      ['x/file', 4, 12, 'present'],
    ]);
    expect(wasted.avoidableBytes).toBe(300_015);
    expect(wasted.pathCount).toBe(4);
    // dive skips opaque markers, so it never sees x/opq/lower go; a removed file counts 0 for the whiteout.
    expect(wasted.dive.wastedBytes).toBe(300_022);
    const all = 4 + 300_000 + 5 + 6 + 8 + 0 + 6 + 5;
    expect(wasted.dive.efficiency).toBeCloseTo((all - (12 - 4) - 300_000 - (10 - 5)) / all, 12);
    expect(wasted.paths.find((p) => p.path === 'x/file')!.events).toEqual([
      { layer: 0, action: 'written', size: 4 },
      { layer: 1, action: 'written', size: 8 },
    ]);
  });

  it('lets dive count a deleted directory as the bytes of the tree it hid', () => {
    const image = run([layer([dir('d'), file('d/a', 10), file('d/b', 20)]), layer([], ['d'])]);
    expect(image.summary.wasted.avoidableBytes).toBe(30);
    expect(image.summary.wasted.paths.map((p) => [p.path, p.files])).toEqual([['d', 2]]);
    // d was no leaf below (it had children), so dive sees it once: no waste, but its figure enters the score.
    expect(image.summary.wasted.dive.wastedBytes).toBe(0);
    expect(image.summary.wasted.dive.efficiency).toBe(1);
  });

  it('lists a folder deleted whole as one row under the folder the build deleted, not a row per file', () => {
    const image = run([
      layer([dir('build'), dir('build/obj'), file('build/obj/a.o', 10), file('build/obj/b.o', 20), file('build/out', 5), dir('etc'), file('etc/conf', 1), file('etc/hosts', 2)]),
      layer([dir('etc'), file('etc/conf', 3), file('etc/hosts', 4)]),
      layer([], ['build']),
    ]);
    const { paths, pathCount, avoidableBytes } = image.summary.wasted;
    expect(pathCount).toBe(5);
    expect(paths.map((p) => [p.path, p.files, p.avoidableBytes, p.final])).toEqual([
      ['build', 3, 35, 'removed'],
      ['etc', 2, 3, 'present'],
    ]);
    expect(paths[0]!.events).toEqual([
      { layer: 0, action: 'written', size: 35 },
      { layer: 2, action: 'removed', size: 35 },
    ]);
    expect(paths.reduce((n, p) => n + p.avoidableBytes, 0)).toBe(avoidableBytes);
  });

  it('keeps files apart that the same folder holds but different layers touched', () => {
    const image = run([layer([file('a', 1), file('b', 2)]), layer([file('a', 3)]), layer([file('b', 4)])]);
    expect(image.summary.wasted.paths.map((p) => [p.path, p.files])).toEqual([
      ['b', 1],
      ['a', 1],
    ]);
  });

  it('counts files past 4 GiB exactly (kept in their long form, not packed into one number)', () => {
    const big = 5 * 2 ** 30 + 7;
    const image = run([layer([file('huge', big)]), layer([file('huge', 1)]), layer([], ['huge'])]);
    expect(image.summary.wasted.paths[0]).toMatchObject({ path: 'huge', avoidableBytes: big + 1, diveBytes: big + 1, final: 'removed' });
  });

  it('calls an image with nothing written twice fully efficient, with nothing avoidable', () => {
    const image = run([layer([file('a', 1)]), layer([file('b', 2)])]);
    expect(image.summary.wasted).toEqual({ avoidableBytes: 0, dive: { wastedBytes: 0, efficiency: 1 }, pathCount: 0, paths: [] });
  });
});

/** The overlay rules written as plainly as possible: a map of paths, prefix scans for trees. */
function naiveStack(layers: LayerContents[]): Map<string, string> {
  const fs = new Map<string, string>();
  const dropTree = (p: string) => {
    for (const k of [...fs.keys()]) if (k === p || k.startsWith(`${p}/`)) fs.delete(k);
  };
  for (const l of layers) {
    for (const o of l.opaques) for (const k of [...fs.keys()]) if (k.startsWith(`${o}/`)) fs.delete(k);
    for (const w of l.whiteouts) dropTree(w);
    for (const e of l.entries) {
      if (fs.get(e.path)?.startsWith('dir') && e.kind !== 'dir') dropTree(e.path);
      const parts = e.path.split('/');
      for (let i = 1; i < parts.length; i += 1) {
        const p = parts.slice(0, i).join('/');
        if (!fs.has(p)) fs.set(p, 'dir 0');
      }
      if (e.kind === 'dir' && fs.get(e.path)?.startsWith('dir')) continue;
      fs.set(e.path, `${e.kind} ${e.size}`);
    }
  }
  return fs;
}

const arbLayers = fc.array(
  fc.record({
    entries: fc.array(
      fc.record({ path: fc.constantFrom('a', 'a/b', 'a/b/c', 'a/d', 'e', 'e/f'), kind: fc.constantFrom('file', 'dir', 'symlink') as fc.Arbitrary<LayerEntry['kind']>, size: fc.nat(1000) }),
      { maxLength: 6 },
    ),
    whiteouts: fc.array(fc.constantFrom('a', 'a/b', 'a/b/c', 'a/d', 'e', 'e/f', 'zz'), { maxLength: 2 }),
    opaques: fc.array(fc.constantFrom('a', 'a/b', 'e'), { maxLength: 1 }),
  }),
  { minLength: 1, maxLength: 6 },
);

describe('stacking, against the plain overlay rules on random layers', () => {
  it('leaves the same filesystem, and every path avoidable bytes between 0 and all it wrote', () => {
    fc.assert(
      fc.property(arbLayers, (raw) => {
        const layers = raw.map((l) => layer(l.entries.map((e) => (e.kind === 'dir' ? dir(e.path) : { ...file(e.path, e.kind === 'file' ? e.size : 0), kind: e.kind })), l.whiteouts, l.opaques));
        const stacker = new Stacker();
        layers.forEach((l, i) => stacker.apply(l, i));
        const ours = new Map([...stacker.files].map(([p, s]) => [p, `${s.entry.kind} ${s.entry.size}`]));
        expect(ours).toEqual(naiveStack(layers));
        const wasted = run(layers).summary.wasted;
        for (const p of wasted.paths) {
          const written = p.events.filter((e) => e.action === 'written').reduce((n, e) => n + e.size, 0);
          expect(p.avoidableBytes).toBeGreaterThanOrEqual(0);
          expect(p.avoidableBytes).toBeLessThanOrEqual(written);
        }
        expect(wasted.dive.efficiency).toBeGreaterThanOrEqual(0);
        expect(wasted.dive.efficiency).toBeLessThanOrEqual(1);
        // Rows group paths, never lose or double one.
        expect(wasted.paths.reduce((n, p) => n + p.files, 0)).toBe(wasted.pathCount);
        expect(wasted.paths.reduce((n, p) => n + p.avoidableBytes, 0)).toBe(wasted.avoidableBytes);
      }),
      { numRuns: 500 },
    );
  });
});
