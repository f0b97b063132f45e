// Builds image archives in memory for the reader's tests: the layouts docker save writes, from a
// description of the images, with the contents a correct reader must report.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import type { ArchiveContents, ArchiveImage, ArchiveLayout } from '../../../shared/archive-types';

export interface TarEntry {
  name: string;
  content?: Buffer;
  type?: 'file' | 'symlink' | 'directory';
  linkname?: string;
  /** A size to claim in the header instead of the content's (for lying archives). */
  size?: number;
}

export interface SpecPlatform {
  os: string;
  architecture: string;
  variant?: string;
  layers: Buffer[];
  /** False: the index names it, but (some of) its blobs are not in the file. */
  present: boolean;
  /**
   * What an absent platform lacks: everything (the default, as the containerd store saves a platform
   * it never pulled), only its layer blobs, or only its config. Blobs it shares with a platform in the
   * file are there anyway, and then it is complete after all.
   */
  missing?: 'all' | 'layers' | 'config';
}

export interface SpecImage {
  /** Full names as containerd writes them (docker.io/library/busybox:1); familiar ones go to manifest.json. */
  names: string[];
  platforms: SpecPlatform[];
  /** Behind an image index (multi-platform) rather than a single manifest. */
  index: boolean;
  /** Makes the config (and so the image) unique. */
  label: string;
}

export const sha256 = (bytes: Buffer | string): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const hex = (digest: string) => digest.slice('sha256:'.length);
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

/** The uncompressed tar of the entries, in that order, as tar-stream writes it (ustar, zero mtimes). */
export async function tarOf(entries: TarEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of pack) chunks.push(chunk as Buffer);
  })();
  for (const e of entries) {
    const type = e.type ?? 'file';
    await new Promise<void>((resolve, reject) => {
      const header = { name: e.name, type, mode: type === 'directory' ? 0o755 : 0o644, mtime: new Date(0), ...(e.linkname ? { linkname: e.linkname } : {}) };
      const cb = (err?: Error | null) => (err ? reject(err) : resolve());
      if (type === 'file') pack.entry({ ...header, size: e.size ?? e.content?.length ?? 0 }, e.content ?? Buffer.alloc(0), cb);
      else pack.entry(header, cb);
    });
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** A stream giving `bytes` in chunks of `size` (a file on disk arrives in 64 KiB ones). */
export function streamOf(bytes: Buffer, size = 64 * 1024): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return Readable.from(chunks, { objectMode: false });
}

export function familiar(name: string): string {
  return name.replace(/^docker\.io\/(library\/)?/, '');
}

function configOf(image: SpecImage, p: SpecPlatform): Buffer {
  return json({
    architecture: p.architecture,
    os: p.os,
    ...(p.variant ? { variant: p.variant } : {}),
    config: { Labels: { 'stevedore.test': image.label } },
    rootfs: { type: 'layers', diff_ids: p.layers.map((l) => sha256(l)) },
  });
}

function manifestOf(image: SpecImage, p: SpecPlatform): { config: Buffer; manifest: Buffer } {
  const config = configOf(image, p);
  const manifest = json({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(config), size: config.length },
    layers: p.layers.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha256(l), size: l.length })),
  });
  return { config, manifest };
}

/** What index.json points at for the image: its image index, or its only manifest. */
function targetOf(image: SpecImage): Buffer {
  const manifests = image.platforms.map((p) => manifestOf(image, p).manifest);
  if (!image.index) return manifests[0]!;
  return json({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: manifests.map((manifest, i) => {
      const p = image.platforms[i]!;
      return {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: sha256(manifest),
        size: manifest.length,
        platform: { os: p.os, architecture: p.architecture, ...(p.variant ? { variant: p.variant } : {}) },
      };
    }),
  });
}

const platformText = (p: SpecPlatform) => `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;

interface Built {
  entries: TarEntry[];
  expected: Omit<ArchiveContents, 'tarBytes' | 'compression'>;
}

/**
 * The entries of an archive holding `images` in `layout`, in the order the engines write them (layer
 * content first, manifest.json at the end), and what a reader must say about it.
 */
export function buildArchive(images: SpecImage[], layout: ArchiveLayout): Built {
  const entries = new Map<string, TarEntry>();
  const put = (name: string, content: Buffer) => entries.set(name, { name, content });
  const blob = (bytes: Buffer) => `blobs/sha256/${hex(sha256(bytes))}`;
  // First every blob, as the engines write content before the lists naming it...
  for (const image of images) {
    if (layout === 'docker') {
      const p = image.platforms[0]!;
      for (const l of p.layers) put(`${hex(sha256(l))}/layer.tar`, l);
      const config = configOf(image, p);
      put(`${hex(sha256(config))}.json`, config);
      continue;
    }
    for (const p of image.platforms) {
      const { config, manifest } = manifestOf(image, p);
      const missing = p.present ? null : (p.missing ?? 'all');
      if (missing === 'all') continue;
      if (missing !== 'layers') for (const l of p.layers) put(blob(l), l);
      if (missing !== 'config') put(blob(config), config);
      put(blob(manifest), manifest);
    }
    if (image.index) put(blob(targetOf(image)), targetOf(image));
  }
  // ...then what a reader must make of them: a platform counts where its config and layers all made it in.
  const manifestJson: unknown[] = [];
  const indexJson: unknown[] = [];
  const expected: ArchiveImage[] = [];
  for (const image of images) {
    const complete =
      layout === 'docker'
        ? image.platforms.slice(0, 1)
        : image.platforms.filter((p) => entries.has(blob(manifestOf(image, p).manifest)) && entries.has(blob(configOf(image, p))) && p.layers.every((l) => entries.has(blob(l))));
    const first = complete[0];
    if (!first) throw new Error('test spec: an image needs a platform in the file');
    const layerNames = (p: SpecPlatform) => p.layers.map((l) => (layout === 'docker' ? `${hex(sha256(l))}/layer.tar` : blob(l)));
    const config = configOf(image, first);
    if (layout === 'docker') {
      manifestJson.push({ Config: `${hex(sha256(config))}.json`, RepoTags: image.names.length ? image.names.map(familiar) : null, Layers: layerNames(first) });
    } else {
      const top = targetOf(image);
      const mediaType = image.index ? 'application/vnd.oci.image.index.v1+json' : 'application/vnd.oci.image.manifest.v1+json';
      const descriptor = { mediaType, digest: sha256(top), size: top.length };
      if (image.names.length === 0) indexJson.push({ ...descriptor, annotations: { 'org.opencontainers.image.ref.name': 'latest' } });
      for (const name of image.names) {
        indexJson.push({ ...descriptor, annotations: { 'io.containerd.image.name': name, 'org.opencontainers.image.ref.name': name.split(':').pop() } });
      }
      if (layout === 'docker+oci') manifestJson.push({ Config: blob(config), RepoTags: image.names.map(familiar), Layers: layerNames(first) });
    }
    const layerFiles = new Map(complete.flatMap((p) => layerNames(p).map((name, i) => [name, p.layers[i]!.length] as const)));
    expected.push({
      configDigest: sha256(config),
      targetDigest: layout === 'docker' ? null : sha256(targetOf(image)),
      tags: [...new Set(image.names.map(familiar))],
      platforms: [...new Set(complete.map(platformText))],
      layers: complete.reduce((n, p) => n + p.layers.length, 0),
      layerBytes: [...layerFiles.values()].reduce((a, b) => a + b, 0),
    });
  }
  const tail: TarEntry[] = [];
  if (layout !== 'docker') {
    tail.push({ name: 'index.json', content: json({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: indexJson }) });
    tail.push({ name: 'oci-layout', content: json({ imageLayoutVersion: '1.0.0' }) });
  }
  if (layout !== 'oci') tail.push({ name: 'manifest.json', content: json(manifestJson) });
  return { entries: [...entries.values(), ...tail], expected: { layout, images: expected } };
}

/**
 * The images behind the committed zstd fixtures (fixtures/*.tar.zst): `zstd` is not everywhere the
 * tests run, so the compressed bytes are kept, and the tests rebuild the tar they must decode to.
 * Made with zstd 1.5.4 from `tarOf(buildArchive(…).entries)`:
 *   legacy.tar.zst: the first image, 'docker' layout, `zstd -19 --check`;
 *   docker-oci-two-frames.tar.zst: both, 'docker+oci', split at byte 2660, the first part
 *   `zstd -3 --no-check`, the rest `zstd -19 --check`, the two frames concatenated.
 */
export const ZSTD_FIXTURE_IMAGES: SpecImage[] = [
  {
    names: ['docker.io/library/busybox:1', 'localhost:5000/team/busybox:1'],
    platforms: [{ os: 'linux', architecture: 'amd64', present: true, layers: [Buffer.from('base layer\n'.repeat(400)), Buffer.from('second layer\n'.repeat(90))] }],
    index: false,
    label: 'zstd-a',
  },
  {
    names: ['docker.io/me/tool:2'],
    platforms: [
      { os: 'linux', architecture: 'amd64', present: true, layers: [Buffer.from('tool for amd64\n'.repeat(300))] },
      { os: 'linux', architecture: 'arm64', variant: 'v8', present: false, layers: [Buffer.from('tool for arm64\n'.repeat(300))] },
    ],
    index: true,
    label: 'zstd-b',
  },
];

/** A ustar header for a file of `size` bytes, whose body the caller streams after it. */
export async function tarHeader(name: string, size: number): Promise<Buffer> {
  const header = Buffer.from((await tarOf([{ name }])).subarray(0, 512));
  header.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return header;
}

/**
 * zstd frames of raw (stored) blocks: a valid zstd stream made without a compressor, so tests can
 * build zstd archives of any content where the zstd CLI is missing.
 */
export function zstdStored(data: Buffer, options: { blockSize?: number; frameSize?: number } = {}): Buffer {
  const blockSize = options.blockSize ?? 128 * 1024;
  const frameSize = options.frameSize ?? Math.max(data.length, 1);
  const out: Buffer[] = [];
  for (let start = 0; start < data.length || start === 0; start += frameSize) {
    const frame = data.subarray(start, start + frameSize);
    // Descriptor: no checksum, no dictionary, no content size; window 128 KiB (2^(10+7)).
    out.push(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 7 << 3]));
    for (let at = 0; at < frame.length || at === 0; at += blockSize) {
      const block = frame.subarray(at, at + blockSize);
      const last = at + blockSize >= frame.length ? 1 : 0;
      const header = last | (block.length << 3);
      out.push(Buffer.from([header & 0xff, (header >> 8) & 0xff, header >> 16]), block);
    }
    if (data.length === 0) break;
  }
  return Buffer.concat(out);
}

/** zstdStored as a stream: one frame, one raw block per chunk (chunks of at most 128 KiB), then an empty last block. */
export async function* zstdStoredStream(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  yield Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 7 << 3]);
  for await (const chunk of source) {
    for (let at = 0; at < chunk.length; at += 128 * 1024) {
      const block = chunk.subarray(at, at + 128 * 1024);
      const header = block.length << 3;
      yield Buffer.concat([Buffer.from([header & 0xff, (header >> 8) & 0xff, header >> 16]), block]);
    }
  }
  yield Buffer.from([0x01, 0x00, 0x00]);
}
