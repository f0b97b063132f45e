// Shared by the layer reader's unit tests: layer tars with full control over headers, saves in both
// layouts, and readers that run the pipeline as ImageLayers does and fail on a hang.
import type Docker from 'dockerode';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { expect } from 'vitest';
import type { ArchiveLayout } from '../../../shared/archive-types';
import { BackendError } from '../../../shared/errors';
import type { LayerAnalysis } from '../../../shared/layer-types';
import { buildArchive, streamOf, tarOf, zstdStored, type SpecImage } from '../archives/test-archives';
import { ImageLayers } from './image-layers';
import { analyse, type AnalysedImage } from './layer-analysis';
import type { LayerContents, LayerEntry } from './layer-stack';
import { EntryBudget } from './layer-tar';
import { pickImage, type SavedImage } from './saved-image';
import { walkSave, type SavedLayers } from './save-walk';

/** Every archive here is a few kilobytes: no answer within this is a hang. */
export const HANG_MS = 5_000;
export const IMAGE_ID = `sha256:${'c'.repeat(64)}`;

export type Compression = 'none' | 'gzip' | 'zstd';
export type Layout = Extract<ArchiveLayout, 'docker' | 'oci' | 'docker+oci'>;

export interface LayerItem {
  /** The name as the tar holds it, however odd (`./usr//bin/`, `/etc/x`). */
  name: string;
  type: 'file' | 'directory' | 'symlink' | 'link';
  size?: number;
  linkname?: string;
  mode?: number;
  uid?: number;
  gid?: number;
}

/** A layer's tar with full control over each header (tarOf knows no hard links, modes or owners). */
export async function layerTar(items: LayerItem[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of pack) chunks.push(chunk as Buffer);
  })();
  for (const item of items) {
    await new Promise<void>((resolve, reject) => {
      const header = {
        name: item.name,
        type: item.type,
        mode: item.mode ?? (item.type === 'directory' ? 0o755 : 0o644),
        uid: item.uid ?? 0,
        gid: item.gid ?? 0,
        mtime: new Date(0),
        ...(item.linkname !== undefined ? { linkname: item.linkname } : {}),
      };
      const cb = (err?: Error | null) => (err ? reject(err) : resolve());
      if (item.type === 'file') pack.entry({ ...header, size: item.size ?? 0 }, Buffer.alloc(item.size ?? 0, 0x61), cb);
      else pack.entry(header, cb);
    });
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

export const compress = (layer: Buffer, how: Compression, zstdBlock = 1000): Buffer => (how === 'gzip' ? gzipSync(layer) : how === 'zstd' ? zstdStored(layer, { blockSize: zstdBlock }) : layer);

export const imageOf = (layers: Buffer[], label = 'layers'): SpecImage => ({
  names: ['docker.io/library/layered:1'],
  platforms: [{ os: 'linux', architecture: 'amd64', present: true, layers }],
  index: false,
  label,
});

export async function saveOf(layers: Buffer[], layout: Layout): Promise<Buffer> {
  return tarOf(buildArchive([imageOf(layers)], layout).entries);
}

/** Fails the test instead of waiting for vitest's own timeout. */
export async function settled<T>(work: Promise<T>, ms = HANG_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`HANG: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, hang]);
  } finally {
    clearTimeout(timer);
  }
}

export interface Read {
  saved: SavedLayers;
  image: SavedImage;
  /** null where the archive's layer is not a tar (walkSave kept nothing for it). */
  contents: (LayerContents | null)[];
  analysed: AnalysedImage | null;
}

/** The core pipeline, as ImageLayers runs it, without the engine. */
export async function readSave(bytes: Buffer, chunk?: number): Promise<Read> {
  return settled(
    (async () => {
      const saved = await walkSave(streamOf(bytes, chunk), new EntryBudget(), () => undefined);
      const image = pickImage(saved.scan, null);
      const contents = image.layerPaths.map((path) => saved.layers.get(path) ?? null);
      const complete = contents.every((c) => c !== null);
      const analysed = complete ? analyse(contents, image.config, { imageId: IMAGE_ID, platform: image.platform, platforms: image.platforms, archiveBytes: image.layerBytes, readBytes: saved.scan.tarBytes }) : null;
      return { saved, image, contents, analysed };
    })(),
  );
}

export async function readFailure(bytes: Buffer, chunk?: number): Promise<Error> {
  const error = await readSave(bytes, chunk).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the read should have failed').toBeInstanceOf(Error);
  expect((error as Error).message).not.toMatch(/^HANG/);
  return error as Error;
}

/**
 * The whole path through ImageLayers.analyse against a stand-in engine whose save stream is `bytes`;
 * checks the stream is destroyed whatever happened. Answers the analysis or the BackendError.
 */
export async function throughBackend(bytes: Buffer, chunk?: number): Promise<LayerAnalysis | BackendError> {
  const source = streamOf(bytes, chunk);
  const engine = {
    getImage: () => ({ inspect: async () => ({ Id: IMAGE_ID, Size: bytes.length }) }),
    getImages: async () => source,
  };
  const layers = new ImageLayers(async () => engine as unknown as Docker);
  const outcome = await settled(
    layers.analyse({ ref: IMAGE_ID, platform: null }, { signal: new AbortController().signal, report: () => undefined }).then(
      (a) => a,
      (e: unknown) => {
        if (e instanceof BackendError) return e;
        throw e;
      },
    ),
  );
  expect(source.destroyed, 'the save stream is closed').toBe(true);
  return outcome;
}

/**
 * A refusal through ImageLayers. The archive is followed by 256 KiB of zero blocks (an end-of-archive
 * padding tar readers skip), so the save stream is still open when the refusal comes and must be closed.
 */
export async function backendRefusal(bytes: Buffer, padded = true): Promise<BackendError> {
  const outcome = await throughBackend(padded ? Buffer.concat([bytes, Buffer.alloc(256 * 1024)]) : bytes, 4096);
  expect(outcome).toBeInstanceOf(BackendError);
  const error = outcome as BackendError;
  expect(error.message.length).toBeGreaterThan(0);
  return error;
}

export const entry = (path: string, kind: LayerEntry['kind'], extra: Partial<LayerEntry> = {}): LayerEntry => ({
  path,
  kind,
  size: 0,
  mode: kind === 'dir' ? 0o755 : 0o644,
  uid: 0,
  gid: 0,
  link: null,
  ...extra,
});

/** A base, an update and a removal, with every kind of entry and both whiteout forms. */
export async function sampleLayers(): Promise<{ tars: Buffer[]; expected: LayerContents[] }> {
  const tars = [
    await layerTar([
      { name: './', type: 'directory' },
      { name: 'etc/', type: 'directory' },
      { name: 'etc/passwd', type: 'file', size: 120, mode: 0o4755, uid: 1000, gid: 50 },
      { name: 'etc/hard', type: 'link', linkname: '/etc/passwd' },
      { name: 'usr/bin/sh', type: 'symlink', linkname: '../../bin/busybox' },
      { name: 'var/cache/', type: 'directory' },
      { name: 'var/cache/a', type: 'file', size: 700 },
      { name: 'var/cache/b', type: 'file', size: 5 },
    ]),
    await layerTar([
      { name: 'etc/', type: 'directory' },
      { name: 'etc/passwd', type: 'file', size: 130, mode: 0o644, uid: 1000, gid: 50 },
      { name: 'etc/.wh.hard', type: 'file' },
      { name: 'var/cache/', type: 'directory' },
      { name: 'var/cache/.wh..wh..opq', type: 'file' },
      { name: 'var/cache/c', type: 'file', size: 3 },
    ]),
    await layerTar([{ name: '.wh.usr', type: 'file' }]),
  ];
  const expected: LayerContents[] = [
    {
      entries: [
        entry('etc', 'dir'),
        entry('etc/passwd', 'file', { size: 120, mode: 0o4755, uid: 1000, gid: 50 }),
        entry('etc/hard', 'hardlink', { link: 'etc/passwd' }),
        entry('usr/bin/sh', 'symlink', { link: '../../bin/busybox' }),
        entry('var/cache', 'dir'),
        entry('var/cache/a', 'file', { size: 700 }),
        entry('var/cache/b', 'file', { size: 5 }),
      ],
      whiteouts: [],
      opaques: [],
    },
    {
      entries: [entry('etc', 'dir'), entry('etc/passwd', 'file', { size: 130, uid: 1000, gid: 50 }), entry('var/cache', 'dir'), entry('var/cache/c', 'file', { size: 3 })],
      whiteouts: ['etc/hard'],
      opaques: ['var/cache'],
    },
    { entries: [], whiteouts: ['usr'], opaques: [] },
  ];
  return { tars, expected };
}
