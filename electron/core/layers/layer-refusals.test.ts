// What the layer reader refuses, and how ImageLayers words it: hostile names, damaged layer data,
// manifests that do not match the archive.
import type Docker from 'dockerode';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BackendError } from '../../../shared/errors';
import { buildArchive, sha256, tarOf, zstdStored, type TarEntry } from '../archives/test-archives';
import { ImageLayers } from './image-layers';
import { EntryBudget, LAYER_LIMITS, LayerProblem, layerPath } from './layer-tar';
import { walkSave } from './save-walk';
import { IMAGE_ID, layerTar, compress, imageOf, saveOf, settled, readSave, readFailure, backendRefusal, entry, type Layout, type LayerItem } from './layer-test-helpers';

describe('hostile layers', () => {
  const limits = { ...LAYER_LIMITS };
  afterEach(() => {
    Object.assign(LAYER_LIMITS, limits);
  });

  const hostile = async (items: LayerItem[], layout: Layout = 'docker') => saveOf([await layerTar([{ name: 'ok', type: 'file', size: 1 }]), await layerTar(items)], layout);

  it.each(['../etc/passwd', 'a/../../etc/passwd', 'usr/..', './..'])('refuses a layer entry that climbs out with .. (%s), naming the entry', async (name) => {
    for (const layout of ['docker', 'oci'] as const) {
      const error = await readFailure(await hostile([{ name, type: 'file', size: 4 }], layout));
      expect(error).toBeInstanceOf(LayerProblem);
      expect(error.message).toContain(JSON.stringify(name));
      expect(error.message).toMatch(/climbs out of the image's root/);
      expect((error as LayerProblem).hint).toBeTruthy();
    }
  });

  it('refuses a .. layer entry through ImageLayers as INVALID_ARGUMENT with the same words', async () => {
    const error = await backendRefusal(await hostile([{ name: 'x/../../../root/.ssh/authorized_keys', type: 'file', size: 4 }]));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toBe('A layer holds an entry named "x/../../../root/.ssh/authorized_keys", which climbs out of the image\'s root.');
    expect(error.hint).toBeTruthy();
  });

  it('refuses a hard link whose target climbs out with .., naming the link and its target', async () => {
    const error = await readFailure(await hostile([{ name: 'etc/shadow-copy', type: 'link', linkname: '../../etc/shadow' }]));
    expect(error).toBeInstanceOf(LayerProblem);
    expect(error.message).toBe('A layer holds a hard link "etc/shadow-copy" to "../../etc/shadow", outside the image\'s root.');
  });

  it.each(['.wh..', '.wh...', 'a/.wh..'])('refuses the whiteout %s, which names no file', async (name) => {
    const error = await readFailure(await hostile([{ name, type: 'file' }]));
    expect(error).toBeInstanceOf(LayerProblem);
    expect(error.message).toMatch(/^A layer holds the whiteout ".*", which names no file\.$/);
  });

  it('keeps a symlink pointing out with .. as it is: a symlink target is resolved inside the container, not on the host', async () => {
    const { contents } = await readSave(await hostile([{ name: 'etc/link', type: 'symlink', linkname: '../../../../etc/shadow' }]));
    expect(contents[1]!.entries).toEqual([entry('etc/link', 'symlink', { link: '../../../../etc/shadow' })]);
  });

  it('cuts a message on a huge climbing name to 200 characters of it', async () => {
    const name = `${'a/'.repeat(1000)}${'../'.repeat(1001)}x`;
    const error = await readFailure(await hostile([{ name, type: 'file' }]));
    expect(error).toBeInstanceOf(LayerProblem);
    expect(error.message).toContain(JSON.stringify(name.slice(0, 200)));
    expect(error.message.length).toBeLessThan(400);
  });

  it('normalises absolute and untidy names (/etc/x → etc/x, ./usr//bin/ → usr/bin), hard-link targets included; skips the root itself and a whiteout of nothing (.wh.)', async () => {
    const { contents } = await readSave(
      await hostile([
        { name: '/', type: 'directory' },
        { name: '.', type: 'directory' },
        { name: '/etc/x', type: 'file', size: 3 },
        { name: './usr//bin/', type: 'directory' },
        { name: '//etc/./y', type: 'link', linkname: '/etc/x' },
        { name: '/.wh..wh..opq', type: 'file' },
        { name: '/var/.wh.log', type: 'file' },
        { name: 'var/.wh.', type: 'file' },
      ]),
    );
    expect(contents[1]).toEqual({ entries: [entry('etc/x', 'file', { size: 3 }), entry('usr/bin', 'dir'), entry('etc/y', 'hardlink', { link: 'etc/x' })], whiteouts: ['var/log'], opaques: [''] });
    expect(layerPath('./usr//bin/')).toBe('usr/bin');
    expect(layerPath('/etc/x')).toBe('etc/x');
    expect(layerPath('/./')).toBeNull();
  });

  it('keeps only the permission bits of a mode that also carries the file type (0o100755 → 0o755, as some writers put it)', async () => {
    const layer = await layerTar([{ name: 'bin/tool', type: 'file', size: 10, mode: 0o755 }]);
    layer.write('0100755\0', 100, 'latin1');
    layer.fill(0x20, 148, 156);
    let sum = 0;
    for (let i = 0; i < 512; i += 1) sum += layer[i]!;
    layer.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    const { contents } = await readSave(await saveOf([layer], 'oci'));
    expect(contents[0]!.entries).toEqual([entry('bin/tool', 'file', { size: 10, mode: 0o755 })]);
  });

  it('reads a path of exactly the longest length allowed, and refuses one a character longer with a LayerProblem', async () => {
    const longest = `${'d123456789/'.repeat(372)}abcd`;
    expect(longest).toHaveLength(LAYER_LIMITS.maxPath);
    const { contents } = await readSave(await hostile([{ name: `/${longest}`, type: 'file', size: 2 }]));
    expect(contents[1]!.entries.map((e) => e.path)).toEqual([longest]);

    const error = await readFailure(await hostile([{ name: `${longest}e`, type: 'file', size: 2 }]));
    expect(error).toBeInstanceOf(LayerProblem);
    expect(error.message).toBe('A layer holds a path of 4097 characters, longer than the 4096 Stevedore reads.');
  });

  it('refuses a very long path through ImageLayers as INVALID_ARGUMENT', async () => {
    const error = await backendRefusal(await hostile([{ name: 'p/'.repeat(5000), type: 'directory' }]));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toMatch(/^A layer holds a path of 9999 characters, longer than the 4096 Stevedore reads\.$/);
  });

  it('counts entries over all the layers against one budget, and refuses the image past it', async () => {
    LAYER_LIMITS.maxEntries = 6;
    const three = (p: string) => layerTar([1, 2, 3].map((n) => ({ name: `${p}${n}`, type: 'file' as const })));
    const twoLayers = await saveOf([await three('a'), await three('b')], 'docker');
    // 6 entries: exactly the budget.
    expect((await readSave(twoLayers)).contents.map((c) => c!.entries.length)).toEqual([3, 3]);

    LAYER_LIMITS.maxEntries = 5;
    const error = await readFailure(twoLayers);
    expect(error).toBeInstanceOf(LayerProblem);
    expect(error.message).toBe('This image holds more than 5 files over its layers, more than Stevedore analyses at once.');
    // Each layer alone is under the budget: it is the image that is refused.
    expect((await readSave(await saveOf([await three('a')], 'docker'))).contents[0]!.entries).toHaveLength(3);

    const budget = new EntryBudget();
    for (let i = 0; i < 5; i += 1) budget.take();
    expect(() => budget.take()).toThrow(LayerProblem);
  });

  it('counts whiteouts and opaque markers against the budget too (they cost memory all the same)', async () => {
    LAYER_LIMITS.maxEntries = 2;
    const error = await readFailure(await saveOf([await layerTar([{ name: '.wh.a', type: 'file' }, { name: '.wh.b', type: 'file' }, { name: 'd/.wh..wh..opq', type: 'file' }])], 'oci'));
    expect(error).toBeInstanceOf(LayerProblem);
  });

  it('refuses the image past the entry budget through ImageLayers as INVALID_ARGUMENT', async () => {
    LAYER_LIMITS.maxEntries = 3;
    const error = await backendRefusal(await saveOf([await layerTar([1, 2, 3, 4].map((n) => ({ name: `f${n}`, type: 'file' as const })))], 'oci'));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toMatch(/more than 3 files over its layers/);
  });

  describe('damaged layer data', () => {
    let good: Buffer;
    beforeAll(async () => {
      good = await layerTar([
        { name: 'etc/', type: 'directory' },
        { name: 'etc/a', type: 'file', size: 3000 },
        { name: 'etc/b', type: 'file', size: 3000 },
      ]);
    });

    it('refuses a gzip layer cut short: a decompression failure (ENGINE_ERROR), not a silent short layer', async () => {
      const gz = gzipSync(good);
      for (const cut of [gz.subarray(0, gz.length - 8), gz.subarray(0, gz.length >> 1), gz.subarray(0, 12)]) {
        const layers = [await layerTar([{ name: 'ok', type: 'file' }]), cut];
        const error = await readFailure(await saveOf(layers, 'oci'));
        expect((error as { code?: string }).code).toBe('Z_BUF_ERROR');
        const refused = await backendRefusal(await saveOf(layers, 'docker'));
        expect(refused.code).toBe('ENGINE_ERROR');
        expect(refused.message).toBe('A layer of the image could not be decompressed (gzip).');
        expect(refused.hint).toMatch(/pull or build it again/);
      }
    });

    it('refuses a zstd layer that is garbage after its magic number', async () => {
      const magic = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);
      for (const garbage of [Buffer.alloc(2000, 0x41), Buffer.alloc(2000, 0xff), Buffer.from('not really zstd at all'), Buffer.alloc(0)]) {
        const save = await saveOf([Buffer.concat([magic, garbage])], 'oci');
        const error = await readFailure(save);
        expect(error.name).toBe('CompressionError');
        const refused = await backendRefusal(save);
        expect(refused.code).toBe('ENGINE_ERROR');
        expect(refused.message).toBe('A layer of the image could not be decompressed (zstd).');
      }
    });

    it('refuses a zstd layer cut short, and one with a damaged block', async () => {
      const zst = zstdStored(good, { blockSize: 1000 });
      const cut = await readFailure(await saveOf([zst.subarray(0, zst.length - 100)], 'docker'));
      expect(cut.message).toMatch(/zstd cut-short/);
      const damaged = Buffer.from(zst);
      damaged.writeUInt8(0xff, 6); // The first block's header: a block far bigger than the window.
      expect((await readFailure(await saveOf([damaged], 'docker'))).message).toMatch(/zstd corrupt/);
    });

    it.each(['none', 'gzip', 'zstd'] as const)('refuses a save stream cut in the middle of a %s layer, whatever the chunking', async (how) => {
      const blob = compress(good, how);
      const save = await saveOf([await layerTar([{ name: 'ok', type: 'file' }]), blob], 'docker');
      const at = save.indexOf(blob) + (blob.length >> 1);
      for (const chunk of [1, 511, 65536]) {
        const error = await readFailure(save.subarray(0, at), chunk);
        expect(error.message).toMatch(/Unexpected end of data|unexpected end of file|cut-short/);
      }
      const refused = await backendRefusal(save.subarray(0, at), false);
      expect(refused.code).not.toBe('CANCELLED');
      expect(`${refused.message} ${refused.detail ?? ''}`).toMatch(/end of data|end of file|decompressed/);
    });

    it.each(['none', 'gzip', 'zstd'] as const)('fails with the engine\'s own error when the save stream breaks off inside a %s layer (no hang)', async (how) => {
      const blob = compress(good, how);
      const save = await saveOf([blob], 'oci');
      const at = save.indexOf(blob) + (blob.length >> 1);
      const broken = () =>
        Readable.from(
          (async function* () {
            yield save.subarray(0, at);
            throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
          })(),
          { objectMode: false },
        );
      const error = await settled(walkSave(broken(), new EntryBudget(), () => undefined).then(
        () => null,
        (e: unknown) => e,
      ));
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toBe('read ECONNRESET');

      const engine = { getImage: () => ({ inspect: async () => ({ Id: IMAGE_ID }) }), getImages: async () => broken() };
      const refused = await settled(new ImageLayers(async () => engine as unknown as Docker).analyse({ ref: IMAGE_ID, platform: null }, { signal: new AbortController().signal, report: () => undefined }).catch((e: unknown) => e));
      expect(refused).toBeInstanceOf(BackendError);
      expect((refused as BackendError).code).toBe('ENGINE_UNREACHABLE');
    });

    it('refuses a layer tar that ends in the middle of an entry (the layer itself is short)', async () => {
      const save = await saveOf([good.subarray(0, 512 + 1000)], 'oci');
      const error = await readFailure(save);
      expect(error).toBeInstanceOf(LayerProblem);
      expect(error.message).toBe('A layer of the image is damaged: Unexpected end of data.');
      const refused = await backendRefusal(save);
      expect(refused.code).toBe('ENGINE_ERROR');
      expect(refused.hint).toMatch(/pull or build it again/);
    });

    it('refuses a layer tar whose next header is corrupt', async () => {
      const damaged = Buffer.from(good);
      damaged.fill(0x41, 512, 612); // etc/a's header, after etc/'s
      const save = await saveOf([damaged], 'oci');
      expect((await readFailure(save)).message).toMatch(/^A layer of the image is damaged: Invalid tar header/);
      expect((await backendRefusal(save)).code).toBe('ENGINE_ERROR');
    });

    it('keeps nothing for a layer blob that is not a tar at all; pickImage still names it and ImageLayers says it is not a tar', async () => {
      for (const layout of ['docker', 'oci'] as const) {
        // Big enough to fill the stream buffers: a blob left undrained would stall the walk.
        const notTar = Buffer.from('just some text, no tar headers at all\n'.repeat(8000));
        const save = await saveOf([await layerTar([{ name: 'ok', type: 'file' }]), notTar], layout);
        const { saved, image, contents } = await readSave(save);
        expect(image.layerPaths).toHaveLength(2);
        expect(saved.scan.entries.get(image.layerPaths[1]!)).toMatchObject({ type: 'file', size: notTar.length });
        expect(contents[1]).toBeNull();

        const refused = await backendRefusal(save);
        expect(refused.code).toBe('ENGINE_ERROR');
        expect(refused.message).toBe(`The layer ${image.layerPaths[1]} in the save stream is not a tar file.`);
        expect(refused.hint).toMatch(/damaged/);
      }
    });

    it('says "not a tar" too for a layer blob that looks like JSON', async () => {
      const refused = await backendRefusal(await saveOf([Buffer.from('{"not": "a layer"}')], 'docker'));
      expect(refused.message).toMatch(/^The layer [a-f0-9]{64}\/layer\.tar in the save stream is not a tar file\.$/);
    });

    it('refuses a gzip layer whose content is not a tar', async () => {
      const error = await readFailure(await saveOf([gzipSync(Buffer.from('plain words\n'.repeat(100)))], 'oci'));
      expect(error.message).toMatch(/^A layer of the image is damaged: Invalid tar header/);
    });
  });

  describe('manifests that do not match the archive', () => {
    const layers = async () => [await layerTar([{ name: 'a', type: 'file', size: 1 }]), await layerTar([{ name: 'b', type: 'file', size: 2 }])];

    it('refuses a manifest.json naming a layer the archive does not hold, naming it', async () => {
      const tars = await layers();
      const built = buildArchive([imageOf(tars)], 'docker');
      const gone = `${sha256(tars[1]!).slice(7)}/layer.tar`;
      const save = await tarOf(built.entries.filter((e) => e.name !== gone));
      const error = await readFailure(save);
      expect(error).toBeInstanceOf(LayerProblem);
      expect(error.message).toBe(`The save stream names a layer (${gone}) it does not hold.`);
      const refused = await backendRefusal(save);
      expect(refused.code).toBe('INVALID_ARGUMENT');
      expect(refused.message).toBe(error.message);
    });

    it('refuses an OCI manifest naming a layer blob the archive does not hold', async () => {
      const tars = await layers();
      const built = buildArchive([imageOf(tars)], 'oci');
      const save = await tarOf(built.entries.filter((e) => e.name !== `blobs/sha256/${sha256(tars[0]!).slice(7)}`));
      const error = await readFailure(save);
      expect(error).toBeInstanceOf(LayerProblem);
      expect(error.message.length).toBeGreaterThan(0);
    });

    it("refuses a config whose diff_ids count differs from the manifest's layers", async () => {
      const tars = await layers();
      const built = buildArchive([imageOf(tars)], 'docker');
      const withIds = (ids: string[]): TarEntry[] =>
        built.entries.map((e) => (/^[a-f0-9]{64}\.json$/.test(e.name) ? { ...e, content: Buffer.from(JSON.stringify({ ...JSON.parse(e.content!.toString()), rootfs: { type: 'layers', diff_ids: ids } })) } : e));
      for (const ids of [[sha256('one')], [sha256('1'), sha256('2'), sha256('3')], []]) {
        const error = await readFailure(await tarOf(withIds(ids)));
        expect(error).toBeInstanceOf(LayerProblem);
        expect(error.message).toBe(`The image's config lists ${ids.length} layers and its manifest 2.`);
      }
      // The same two diff_ids, different values: nothing to refuse (layers are not checked against them).
      expect((await readSave(await tarOf(withIds([sha256('x'), sha256('y')])))).contents).toHaveLength(2);
    });
  });
});
