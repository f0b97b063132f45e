import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveCompression, ArchiveContents, ArchiveLayout } from '../../../shared/archive-types';
import { BackendError } from '../../../shared/errors';
import { readArchive } from './archive-reader';
import { buildArchive, streamOf, tarOf, zstdStored, type SpecImage, type SpecPlatform } from './test-archives';
import { mutate, mutation } from './archive-mutations';

const DIGEST = /^sha256:[a-f0-9]{64}$/;
/** A read that takes longer than this is a hang: every archive here is a few kilobytes. */
const HANG_MS = 10_000;

function expectWellFormed(contents: ArchiveContents): void {
  expect(['none', 'gzip', 'zstd']).toContain(contents.compression);
  expect(['docker', 'oci', 'docker+oci']).toContain(contents.layout);
  expect(Number.isSafeInteger(contents.tarBytes) && contents.tarBytes > 0).toBe(true);
  expect(contents.images.length).toBeGreaterThan(0);
  for (const image of contents.images) {
    expect(image.configDigest).toMatch(DIGEST);
    if (image.targetDigest !== null) expect(image.targetDigest).toMatch(DIGEST);
    expect(image.tags.every((t) => typeof t === 'string' && t.length > 0)).toBe(true);
    expect(new Set(image.tags).size).toBe(image.tags.length);
    expect(image.platforms.every((p) => /^[^/]+\/[^/]+(\/[^/]+)?$/.test(p))).toBe(true);
    expect(Number.isSafeInteger(image.layers) && image.layers >= 0).toBe(true);
    expect(Number.isSafeInteger(image.layerBytes) && image.layerBytes >= 0).toBe(true);
  }
}

/** Resolves with the contents or the BackendError; fails the run on any other outcome or a hang. */
async function settle(bytes: Buffer, chunk?: number): Promise<ArchiveContents | BackendError> {
  const raw = streamOf(bytes, chunk);
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${HANG_MS} ms`)), HANG_MS);
  });
  try {
    const outcome = await Promise.race([
      readArchive(raw, { fileName: 'fuzz.tar' }).then(
        (c) => c,
        (e: unknown) => {
          if (e instanceof BackendError) return e;
          throw e;
        },
      ),
      hang,
    ]);
    expect(raw.destroyed).toBe(true);
    return outcome;
  } finally {
    clearTimeout(timer);
  }
}

const layer = (text: string) => Buffer.from(`${text}\n`.repeat(8));

const sample: SpecImage[] = [
  {
    names: ['docker.io/library/busybox:1', 'localhost:5000/busybox:1'],
    platforms: [{ os: 'linux', architecture: 'amd64', present: true, layers: [layer('a'), layer('b')] }],
    index: false,
    label: 'one',
  },
  {
    names: ['docker.io/me/multi:2'],
    platforms: [
      { os: 'linux', architecture: 'amd64', present: true, layers: [layer('a'), layer('m')] },
      { os: 'linux', architecture: 'arm64', variant: 'v8', present: false, layers: [layer('n')] },
    ],
    index: true,
    label: 'two',
  },
];

describe('damaged archives (random mutations of valid ones)', () => {
  const bases: Record<string, Buffer> = {};
  beforeAll(async () => {
    const docker = await tarOf(buildArchive(sample, 'docker').entries);
    const both = await tarOf(buildArchive(sample, 'docker+oci').entries);
    bases['docker'] = docker;
    bases['docker+oci'] = both;
    bases['oci gzip'] = gzipSync(await tarOf(buildArchive(sample, 'oci').entries));
    bases['docker zstd (stored blocks)'] = zstdStored(docker, { blockSize: 3000, frameSize: 9000 });
    bases['zstd CLI fixture'] = fs.readFileSync(path.join(__dirname, 'fixtures', 'docker-oci-two-frames.tar.zst'));
  });


  it.each(['docker', 'docker+oci', 'oci gzip', 'docker zstd (stored blocks)', 'zstd CLI fixture'])(
    'never crash or hang on a mutated %s archive: a well-formed answer or INVALID_ARGUMENT',
    async (name) => {
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.constantFrom(1, 13, 512, 65536), async (steps, chunk) => {
          const outcome = await settle(mutate(bases[name]!, steps), chunk);
          if (outcome instanceof BackendError) {
            expect(outcome.code).toBe('INVALID_ARGUMENT');
            expect(outcome.message).toMatch(/^fuzz\.tar /);
            expect(outcome.hint).toBeTruthy();
          } else {
            expectWellFormed(outcome);
          }
        }),
        { numRuns: 150 },
      );
    },
    120_000,
  );

  it('never crash or hang on random bytes, raw or behind a gzip or zstd magic', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(Buffer.alloc(0), Buffer.from([0x1f, 0x8b]), Buffer.from([0x28, 0xb5, 0x2f, 0xfd])), fc.uint8Array({ maxLength: 4000 }), async (magic, bytes) => {
        const outcome = await settle(Buffer.concat([magic, Buffer.from(bytes)]));
        expect(outcome).toBeInstanceOf(BackendError);
        expect((outcome as BackendError).code).toBe('INVALID_ARGUMENT');
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});

describe('random valid archives', () => {
  const PLATFORMS: Array<Pick<SpecPlatform, 'os' | 'architecture' | 'variant'>> = [
    { os: 'linux', architecture: 'amd64' },
    { os: 'linux', architecture: 'arm64', variant: 'v8' },
    { os: 'linux', architecture: 'arm', variant: 'v7' },
    { os: 'linux', architecture: 'ppc64le' },
    { os: 'windows', architecture: 'amd64' },
  ];
  /** A small pool, so images share layers as real ones share base images. */
  const LAYERS = Array.from({ length: 6 }, (_, i) => Buffer.from(`layer ${i}\n`.repeat(1 + i * 37)));

  const word = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
  const fullName = fc.oneof(
    fc.tuple(word, word).map(([repo, tag]) => `docker.io/library/${repo}:${tag}`),
    fc.tuple(word, word, word).map(([ns, repo, tag]) => `docker.io/${ns}/${repo}:${tag}`),
    fc.tuple(word, word).map(([repo, tag]) => `localhost:5000/${repo}:${tag}`),
    fc.tuple(word, word, word).map(([ns, repo, tag]) => `registry.example.com/${ns}/${repo}:${tag}`),
  );

  const platforms = fc
    .uniqueArray(fc.integer({ min: 0, max: PLATFORMS.length - 1 }), { minLength: 1, maxLength: 3 })
    .chain((which) =>
      fc.tuple(
        fc.tuple(...which.map(() => fc.array(fc.integer({ min: 0, max: LAYERS.length - 1 }), { maxLength: 4 }))),
        fc.array(fc.boolean(), { minLength: which.length, maxLength: which.length }),
        fc.array(fc.constantFrom('all' as const, 'layers' as const, 'config' as const), { minLength: which.length, maxLength: which.length }),
        fc.nat({ max: which.length - 1 }),
      ).map(([layerPicks, present, missing, surely]) =>
        which.map((p, i): SpecPlatform => ({ ...PLATFORMS[p]!, layers: layerPicks[i]!.map((l) => LAYERS[l]!), present: present[i]! || i === surely, missing: missing[i]! })),
      ),
    );

  const spec = fc
    .record({
      images: fc.array(fc.record({ platforms, index: fc.boolean() }), { minLength: 1, maxLength: 4 }),
      names: fc.uniqueArray(fullName, { maxLength: 8, selector: (n) => n.replace(/^docker\.io\/(library\/)?/, '') }),
      owners: fc.array(fc.nat(), { maxLength: 8 }),
      layout: fc.constantFrom<ArchiveLayout>('docker', 'oci', 'docker+oci'),
      compression: fc.constantFrom<ArchiveCompression>('none', 'gzip', 'zstd'),
      seed: fc.integer(),
      chunk: fc.constantFrom(1, 100, 4096, 65536),
    })
    .map(({ images, names, owners, ...rest }) => ({
      ...rest,
      images: images.map(
        (image, i): SpecImage => ({
          label: `image-${i}`,
          // One platform without an index; otherwise an index, whose absent platforms the reader must leave out.
          index: image.index || image.platforms.length > 1,
          platforms: image.index || image.platforms.length > 1 ? image.platforms : [{ ...image.platforms[0]!, present: true }],
          names: names.filter((_, n) => (owners[n] ?? n) % images.length === i),
        }),
      ),
    }));

  /** A seeded shuffle: the engines write entries in their own orders, and nothing may depend on one. */
  function shuffled<T>(items: T[], seed: number): T[] {
    const out = [...items];
    let state = seed >>> 0 || 1;
    for (let i = out.length - 1; i > 0; i -= 1) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const j = (state >>> 0) % (i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  it('are read back exactly, whatever the images, names, platforms, layout, compression, entry order and chunking', async () => {
    await fc.assert(
      fc.asyncProperty(spec, async ({ images, layout, compression, seed, chunk }) => {
        const { entries, expected } = buildArchive(images, layout);
        const tar = await tarOf(shuffled(entries, seed));
        const file = compression === 'gzip' ? gzipSync(tar) : compression === 'zstd' ? zstdStored(tar, { blockSize: 5000, frameSize: 20_000 }) : tar;
        const outcome = await settle(file, chunk);
        expect(outcome).toEqual({ ...expected, compression, tarBytes: tar.length });
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
