// The layer reader on damaged save streams (random byte mutations) and on one huge file (memory).
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { BackendError } from '../../../shared/errors';
import { sha256, tarHeader, tarOf, zstdStored } from '../archives/test-archives';
import { analyse } from './layer-analysis';
import { EntryBudget } from './layer-tar';
import { pickImage } from './saved-image';
import { walkSave } from './save-walk';
import { mutate, mutation } from '../archives/archive-mutations';
import { peakGrowth } from '../archives/archive-test-helpers';
import { IMAGE_ID, layerTar, saveOf, readSave, throughBackend, entry, type Read } from './layer-test-helpers';

describe('damaged save streams (random mutations of valid ones)', () => {
  const bases: Record<string, Buffer> = {};
  beforeAll(async () => {
    const layers = [
      await layerTar([
        { name: 'etc/', type: 'directory' },
        { name: 'etc/x', type: 'file', size: 600 },
        { name: 'etc/.wh.y', type: 'file' },
        { name: 'var/.wh..wh..opq', type: 'file' },
      ]),
      gzipSync(await layerTar([{ name: 'usr/bin/a', type: 'file', size: 2000 }, { name: 'usr/bin/b', type: 'symlink', linkname: 'a' }])),
      zstdStored(await layerTar([{ name: 'etc/x', type: 'file', size: 700 }, { name: 'etc/h', type: 'link', linkname: 'etc/x' }]), { blockSize: 300 }),
    ];
    bases['docker'] = await saveOf(layers, 'docker');
    bases['oci'] = await saveOf(layers, 'oci');
  });


  it.each(['docker', 'oci'])(
    'never crash or hang on a mutated %s save: walkSave, pickImage and analyse settle with a result or an Error with a message, and ImageLayers closes the stream',
    async (name) => {
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.constantFrom(1, 100, 512, 65536), async (steps, chunk) => {
          const bytes = mutate(bases[name]!, steps);
          const outcome = await readSave(bytes, chunk).then(
            (r) => r,
            (e: unknown) => e,
          );
          if (outcome instanceof Error) {
            expect(outcome.message).not.toMatch(/^HANG/);
            expect(outcome.message.trim().length).toBeGreaterThan(0);
            // A bug of ours (undefined is not a function…) is not a damaged archive.
            expect(outcome).not.toBeInstanceOf(TypeError);
            expect(outcome).not.toBeInstanceOf(RangeError);
          } else {
            expect(outcome).toHaveProperty('contents');
            const read = outcome as Read;
            for (const c of read.contents) if (c !== null) expect(c.entries.every((e) => e.path !== '' && !e.path.split('/').includes('..'))).toBe(true);
          }
          const answer = await throughBackend(bytes, chunk);
          if (answer instanceof BackendError) expect(answer.message.trim().length).toBeGreaterThan(0);
          else expect(answer.imageId).toBe(IMAGE_ID);
        }),
        { numRuns: 150 },
      );
    },
    30_000,
  );
});

describe('reading a layer with one huge file', () => {
  const MiB = 1024 * 1024;
  const FILE_BYTES = 200 * MiB;
  const CHUNK = 64 * 1024;

  /**
   * A legacy save whose one layer holds one 200 MiB file, made as it is read: every body chunk is a
   * new buffer, so a reader that kept them would show it in the process's memory.
   */
  async function hugeSave(sample: () => void): Promise<Readable> {
    const layerName = `${'a'.repeat(64)}/layer.tar`;
    const layerBytes = 512 + FILE_BYTES + 1024;
    const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [sha256('huge')] } }));
    const outerHead = await tarHeader(layerName, layerBytes);
    const innerHead = await tarHeader('srv/huge.bin', FILE_BYTES);
    const tail = await tarOf([
      { name: `${'b'.repeat(64)}.json`, content: config },
      { name: 'manifest.json', content: Buffer.from(JSON.stringify([{ Config: `${'b'.repeat(64)}.json`, RepoTags: ['huge:1'], Layers: [layerName] }])) },
    ]);
    async function* chunks() {
      yield outerHead;
      yield innerHead;
      for (let sent = 0; sent < FILE_BYTES; sent += CHUNK) {
        if (sent % (8 * MiB) === 0) sample();
        yield Buffer.alloc(CHUNK);
      }
      yield Buffer.alloc(1024);
      yield tail;
    }
    return Readable.from(chunks(), { objectMode: false });
  }

  it('reads it with the heap staying small: file bodies pass through and are dropped', async () => {
    let seen = 0;
    let read: { saved: Awaited<ReturnType<typeof walkSave>> } | null = null;
    const growth = await peakGrowth(async (sample) => {
      read = { saved: await walkSave(await hugeSave(sample), new EntryBudget(), (bytes) => (seen = bytes)) };
    });
    const saved = read!.saved;
    const image = pickImage(saved.scan, null);
    const contents = image.layerPaths.map((p) => saved.layers.get(p)!);
    expect(contents).toEqual([{ entries: [entry('srv/huge.bin', 'file', { size: FILE_BYTES })], whiteouts: [], opaques: [] }]);
    expect(image.layerBytes).toEqual([512 + FILE_BYTES + 1024]);
    expect(seen).toBeGreaterThan(FILE_BYTES);
    const analysed = analyse(contents, image.config, { imageId: IMAGE_ID, platform: image.platform, platforms: image.platforms, archiveBytes: image.layerBytes, readBytes: seen });
    expect(analysed.summary.fileBytes).toBe(FILE_BYTES);

    expect(growth.heap).toBeLessThan(50 * MiB);
    // Holding the file would take 200 MiB of buffers; garbage not yet collected takes some.
    expect(growth.buffers).toBeLessThan(150 * MiB);
  }, 60_000);
});
