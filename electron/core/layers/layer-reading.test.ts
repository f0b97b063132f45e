// Reading an image's layers out of a `docker save` stream: walkSave (every layer blob, plain, gzip or
// zstd, parsed as a tar on the fly), pickImage (which blobs are the image's layers) and analyse.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BackendError } from '../../../shared/errors';
import type { LayerAnalysis } from '../../../shared/layer-types';
import { sha256 } from '../archives/test-archives';
import type { LayerContents } from './layer-stack';
import { IMAGE_ID, layerTar, compress, saveOf, readSave, throughBackend, entry, sampleLayers, type Compression, type Layout, type LayerItem } from './layer-test-helpers';

describe('reading the layers of a saved image', () => {
  const cases: [Layout, Compression][] = (['docker', 'oci'] as const).flatMap((layout) => (['none', 'gzip', 'zstd'] as const).map((c): [Layout, Compression] => [layout, c]));

  it.each(cases)('gives exactly the entries, whiteouts and opaque folders of each layer (%s layout, %s layers)', async (layout, how) => {
    const { tars, expected } = await sampleLayers();
    const blobs = tars.map((t) => compress(t, how));
    const { image, contents, analysed } = await readSave(await saveOf(blobs, layout), 999);
    expect(contents).toEqual(expected);
    expect(image.layerBytes).toEqual(blobs.map((b) => b.length));
    expect(image.config.rootfs.diff_ids).toEqual(blobs.map((b) => sha256(b)));
    expect(image.platform).toBe('linux/amd64');

    const summary = analysed!.summary;
    expect(summary.layers.map((l) => [l.diffId, l.archiveBytes])).toEqual(blobs.map((b) => [sha256(b), b.length]));
    const fileChanges = analysed!.changes.map((layer) => layer.filter((c) => c.entry.kind !== 'dir').map((c) => `${c.change} ${c.path} ${c.entry.size}`));
    expect(fileChanges).toEqual([
      ['added etc/hard 0', 'added etc/passwd 120', 'added usr/bin/sh 0', 'added var/cache/a 700', 'added var/cache/b 5'],
      ['removed etc/hard 0', 'modified etc/passwd 130', 'removed var/cache/a 700', 'removed var/cache/b 5', 'added var/cache/c 3'],
      ['removed usr/bin/sh 0'],
    ]);
    // What is left on top: etc, etc/passwd, var, var/cache, var/cache/c.
    expect(summary.files).toBe(5);
    expect(summary.fileBytes).toBe(133);
  });

  it('reads an empty layer (a tar of nothing but its end blocks, as a WORKDIR step makes)', async () => {
    const empty = await layerTar([]);
    expect(empty.every((b) => b === 0)).toBe(true);
    for (const layout of ['docker', 'oci'] as const) {
      const { contents } = await readSave(await saveOf([await layerTar([{ name: 'f', type: 'file', size: 1 }]), empty], layout));
      expect(contents[1]).toEqual({ entries: [], whiteouts: [], opaques: [] });
    }
  });

  it('reads the same whatever size the chunks of the save stream arrive in', async () => {
    const { tars, expected } = await sampleLayers();
    const save = await saveOf([tars[0]!, compress(tars[1]!, 'gzip'), compress(tars[2]!, 'zstd', 100)], 'oci');
    for (const chunk of [1, 7, 512, 513, 65536]) expect((await readSave(save, chunk)).contents).toEqual(expected);
  });

  it('reports the same analysis through ImageLayers, and closes the save stream', async () => {
    const { tars } = await sampleLayers();
    const outcome = await throughBackend(await saveOf(tars, 'docker'));
    expect(outcome).not.toBeInstanceOf(BackendError);
    const analysis = outcome as LayerAnalysis;
    expect(analysis.imageId).toBe(IMAGE_ID);
    expect(analysis.layers.map((l) => [l.added, l.modified, l.removed])).toEqual([
      [10, 0, 0],
      [1, 2, 3],
      [0, 0, 3],
    ]);
  });

  describe('any layers, in any layout and compression (property)', () => {
    const segment = fc.constantFrom('a', 'b', 'usr', 'lib', 'x y', 'ü', 'é.txt', 'n'.repeat(70));
    const relative = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
    /** How a tar may spell a name: leading ./ or /, doubled slashes, a trailing slash. */
    const spelled = fc.tuple(relative, fc.constantFrom('', './', '/', '//'), fc.boolean(), fc.boolean()).map(([path, lead, doubled, trailing]) => ({
      path,
      name: `${lead}${doubled ? path.replace('/', '//') : path}${trailing ? '/' : ''}`,
    }));
    const owner = { mode: fc.integer({ min: 1, max: 0o7777 }), uid: fc.integer({ min: 0, max: 65534 }), gid: fc.integer({ min: 0, max: 65534 }) };
    const item = fc.oneof(
      fc.record({ at: spelled, kind: fc.constant('file' as const), size: fc.integer({ min: 0, max: 3000 }), ...owner }),
      fc.record({ at: spelled, kind: fc.constant('dir' as const), ...owner }),
      fc.record({ at: spelled, kind: fc.constant('symlink' as const), target: fc.constantFrom('a', '../x/y', '/abs/target', 'ü') }),
      fc.record({ at: spelled, kind: fc.constant('hardlink' as const), target: spelled }),
      fc.record({ at: fc.option(relative, { nil: '' }), kind: fc.constant('whiteout' as const), hidden: fc.constantFrom('gone', 'x y', '.hidden', 'wh') }),
      fc.record({ at: fc.option(relative, { nil: '' }), kind: fc.constant('opaque' as const) }),
    );
    type Item = typeof item extends fc.Arbitrary<infer T> ? T : never;

    function described(items: Item[]): { tarItems: LayerItem[]; expected: LayerContents } {
      const tarItems: LayerItem[] = [];
      const expected: LayerContents = { entries: [], whiteouts: [], opaques: [] };
      for (const i of items) {
        if (i.kind === 'whiteout' || i.kind === 'opaque') {
          const base = i.kind === 'opaque' ? '.wh..wh..opq' : `.wh.${i.hidden}`;
          tarItems.push({ name: i.at === '' ? base : `${i.at}/${base}`, type: 'file' });
          if (i.kind === 'opaque') expected.opaques.push(i.at);
          else expected.whiteouts.push(i.at === '' ? i.hidden : `${i.at}/${i.hidden}`);
        } else if (i.kind === 'file') {
          // A trailing slash would make a directory of it for tar readers: files get none.
          const name = i.at.name.replace(/\/+$/, '');
          tarItems.push({ name, type: 'file', size: i.size, mode: i.mode, uid: i.uid, gid: i.gid });
          expected.entries.push(entry(i.at.path, 'file', { size: i.size, mode: i.mode, uid: i.uid, gid: i.gid }));
        } else if (i.kind === 'dir') {
          tarItems.push({ name: i.at.name, type: 'directory', mode: i.mode, uid: i.uid, gid: i.gid });
          expected.entries.push(entry(i.at.path, 'dir', { mode: i.mode, uid: i.uid, gid: i.gid }));
        } else if (i.kind === 'symlink') {
          const name = i.at.name.replace(/\/+$/, '');
          tarItems.push({ name, type: 'symlink', linkname: i.target });
          expected.entries.push(entry(i.at.path, 'symlink', { link: i.target }));
        } else {
          const name = i.at.name.replace(/\/+$/, '');
          tarItems.push({ name, type: 'link', linkname: i.target.name });
          expected.entries.push(entry(i.at.path, 'hardlink', { link: i.target.path }));
        }
      }
      return { tarItems, expected };
    }

    // zstd blocks of at least 100 bytes: the decoder refuses a flood of tiny blocks by design (a
    // 128 KiB window moved per block), and no compressor writes them.
    it('are read back exactly: every entry with its normalised path, kind, size, mode, owner and link; every whiteout and opaque folder', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ items: fc.array(item, { maxLength: 12 }), compression: fc.constantFrom<Compression>('none', 'gzip', 'zstd'), zstdBlock: fc.integer({ min: 100, max: 5000 }) }), { minLength: 1, maxLength: 4 }),
          fc.constantFrom<Layout>('docker', 'oci', 'docker+oci'),
          fc.constantFrom(1, 100, 512, 4096, 65536),
          async (layers, layout, chunk) => {
            const built = await Promise.all(
              layers.map(async (l) => {
                const { tarItems, expected } = described(l.items);
                return { blob: compress(await layerTar(tarItems), l.compression, l.zstdBlock), expected };
              }),
            );
            const { contents, analysed, image } = await readSave(await saveOf(built.map((b) => b.blob), layout), chunk);
            expect(contents).toEqual(built.map((b) => b.expected));
            expect(image.layerBytes).toEqual(built.map((b) => b.blob.length));
            expect(analysed!.summary.layers).toHaveLength(layers.length);
          },
        ),
        { numRuns: 60 },
      );
    }, 30_000);
  });
});
