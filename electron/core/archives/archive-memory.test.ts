import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readArchive } from './archive-reader';
import { sha256, tarHeader, tarOf, zstdStoredStream } from './test-archives';
import { peakGrowth } from './archive-test-helpers';

const MiB = 1024 * 1024;
const LAYER_BYTES = 512 * MiB;
const CHUNK = 64 * 1024;

/**
 * A legacy archive with one 512 MiB layer, made as it is read: every body chunk is a new buffer, so a
 * reader that kept them would show it in the process's memory.
 */
async function hugeArchive(sample: () => void): Promise<Readable> {
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [sha256('huge')] } }));
  const layerName = `${'a'.repeat(64)}/layer.tar`;
  const head = await tarHeader(layerName, LAYER_BYTES);
  const tail = await tarOf([
    { name: `${'b'.repeat(64)}.json`, content: config },
    { name: 'manifest.json', content: Buffer.from(JSON.stringify([{ Config: `${'b'.repeat(64)}.json`, RepoTags: ['huge:1'], Layers: [layerName] }])) },
  ]);
  async function* chunks() {
    yield head;
    for (let sent = 0; sent < LAYER_BYTES; sent += CHUNK) {
      if (sent % (16 * MiB) === 0) sample();
      yield Buffer.alloc(CHUNK, sent / CHUNK);
    }
    yield tail;
  }
  return Readable.from(chunks(), { objectMode: false });
}


/**
 * Far below the 512 MiB that holding the layer would take, and loose enough for garbage the collector
 * has not reached yet on a busy machine (64 MiB failed one run in three beside other suites).
 */
const FLAT = 160 * MiB;

describe('reading a multi-gigabyte archive', () => {
  it('streams a 512 MiB layer through without holding it: memory stays flat', async () => {
    const growth = await peakGrowth(async (sample) => {
      const contents = await readArchive(await hugeArchive(sample), { fileName: 'huge.tar' });
      expect(contents.images).toEqual([expect.objectContaining({ tags: ['huge:1'], layers: 1, layerBytes: LAYER_BYTES })]);
      expect(contents.tarBytes).toBeGreaterThan(LAYER_BYTES);
    });
    expect(growth.heap).toBeLessThan(FLAT);
    expect(growth.buffers).toBeLessThan(FLAT);
  }, 120_000);

  it('does the same through gzip', async () => {
    const growth = await peakGrowth(async (sample) => {
      const gz = (await hugeArchive(sample)).pipe(createGzip({ level: 1 }));
      const contents = await readArchive(gz, { fileName: 'huge.tar.gz' });
      expect(contents.compression).toBe('gzip');
      expect(contents.images[0]!.layerBytes).toBe(LAYER_BYTES);
    });
    expect(growth.heap).toBeLessThan(FLAT);
    expect(growth.buffers).toBeLessThan(FLAT);
  }, 120_000);

  it('does the same through zstd (fzstd, in JavaScript)', async () => {
    const growth = await peakGrowth(async (sample) => {
      const zst = Readable.from(zstdStoredStream(await hugeArchive(sample)), { objectMode: false });
      const contents = await readArchive(zst, { fileName: 'huge.tar.zst' });
      expect(contents.compression).toBe('zstd');
      expect(contents.images[0]!.layerBytes).toBe(LAYER_BYTES);
    });
    expect(growth.heap).toBeLessThan(FLAT);
    expect(growth.buffers).toBeLessThan(FLAT);
  }, 120_000);
});
