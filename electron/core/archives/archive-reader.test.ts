import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveContents } from '../../../shared/archive-types';
import { BackendError } from '../../../shared/errors';
import { normaliseArchiveName, readArchive, readArchiveFile, sniffCompression, tarStreamOf } from './archive-reader';
import { buildArchive, sha256, streamOf, tarOf, ZSTD_FIXTURE_IMAGES, type SpecImage, type TarEntry } from './test-archives';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures', name));
const hex = (digest: string) => digest.slice('sha256:'.length);
const short = (digest: string) => `sha256:${hex(digest).slice(0, 12)}…`;
const shortHex = (name: string) => `${name.slice(0, 12)}…${name.slice(64)}`;
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

/** Reads `bytes` as `fileName`, and checks the stream it was given is destroyed whatever happened. */
async function read(bytes: Buffer, fileName = 'a.tar', chunk?: number): Promise<ArchiveContents> {
  const raw = streamOf(bytes, chunk);
  try {
    return await readArchive(raw, { fileName });
  } finally {
    expect(raw.destroyed).toBe(true);
  }
}

async function refusal(bytes: Buffer, fileName = 'a.tar'): Promise<BackendError> {
  const error = await read(bytes, fileName).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackendError);
  return error as BackendError;
}

async function expectRefusal(bytes: Buffer, fileName: string, message: string | RegExp): Promise<BackendError> {
  const error = await refusal(bytes, fileName);
  expect(error.code).toBe('INVALID_ARGUMENT');
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
  expect(error.hint).toBeTruthy();
  return error;
}

const layer = (text: string, times = 20) => Buffer.from(`${text}\n`.repeat(times));

const busybox: SpecImage = {
  names: ['docker.io/library/busybox:1', 'docker.io/library/busybox:latest'],
  platforms: [{ os: 'linux', architecture: 'amd64', present: true, layers: [layer('busybox base'), layer('busybox top')] }],
  index: false,
  label: 'busybox',
};
const tool: SpecImage = {
  names: ['docker.io/me/tool:2'],
  platforms: [{ os: 'linux', architecture: 'arm64', variant: 'v8', present: true, layers: [layer('busybox base'), layer('tool')] }],
  index: false,
  label: 'tool',
};
const multi: SpecImage = {
  names: ['localhost:5000/team/multi:1'],
  platforms: [
    // Its manifest and config are in the file, its layer is not.
    { os: 'linux', architecture: 'amd64', present: false, missing: 'layers', layers: [layer('multi amd64')] },
    // Its manifest and layers are in the file (one shared with busybox), its config is not.
    { os: 'linux', architecture: 's390x', present: false, missing: 'config', layers: [layer('busybox base')] },
    // Nothing of it is in the file.
    { os: 'linux', architecture: 'ppc64le', present: false, layers: [layer('multi ppc')] },
    { os: 'linux', architecture: 'arm64', variant: 'v8', present: true, layers: [layer('multi arm64'), layer('multi arm64 2')] },
    { os: 'linux', architecture: 'arm', variant: 'v7', present: true, layers: [layer('multi arm')] },
  ],
  index: true,
  label: 'multi',
};

async function archiveOf(images: SpecImage[], layout: 'docker' | 'oci' | 'docker+oci') {
  const built = buildArchive(images, layout);
  return { ...built, tar: await tarOf(built.entries) };
}

/** Rewrites the size an entry's header claims (and its checksum), leaving the body as it was. */
function withClaimedSize(tar: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(tar);
  const at = headerOffset(out, name);
  out.write(`${size.toString(8).padStart(11, '0')}\0`, at + 124, 'latin1');
  out.fill(0x20, at + 148, at + 156);
  let sum = 0;
  for (let i = at; i < at + 512; i += 1) sum += out[i]!;
  out.write(`${sum.toString(8).padStart(6, '0')}\0 `, at + 148, 'latin1');
  return out;
}

function headerOffset(tar: Buffer, name: string): number {
  for (let at = 0; at + 512 <= tar.length; ) {
    const entry = tar.toString('latin1', at, at + 100).replace(/\0.*$/s, '');
    const size = parseInt(tar.toString('latin1', at + 124, at + 136).replace(/\0.*$/s, ''), 8) || 0;
    if (entry === name) return at;
    at += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`no entry ${name}`);
}

/** `count` empty entries named 0, 1, 2…, as raw tar headers (tar-stream takes seconds for 100,000). */
async function noise(count: number): Promise<Buffer> {
  const template = (await tarOf([{ name: 'x' }])).subarray(0, 512);
  const out = Buffer.alloc(512 * count);
  for (let i = 0; i < count; i += 1) {
    const at = i * 512;
    template.copy(out, at);
    out.fill(0, at, at + 100);
    out.write(String(i), at, 'latin1');
    out.fill(0x20, at + 148, at + 156);
    let sum = 0;
    for (let k = at; k < at + 512; k += 1) sum += out[k]!;
    out.write(`${sum.toString(8).padStart(6, '0')}\0 `, at + 148, 'latin1');
  }
  return out;
}

function replaceEntry(entries: TarEntry[], name: string, content: Buffer): TarEntry[] {
  return entries.map((e) => (e.name === name ? { ...e, content } : e));
}

describe('sniffCompression', () => {
  it('tells gzip and zstd by their magic bytes and calls anything else uncompressed', () => {
    expect(sniffCompression(Uint8Array.from([0x1f, 0x8b, 8, 0]))).toBe('gzip');
    expect(sniffCompression(Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd]))).toBe('zstd');
    expect(sniffCompression(Uint8Array.from([0x28, 0xb5, 0x2f]))).toBe('none');
    expect(sniffCompression(Uint8Array.from([0x1f]))).toBe('none');
    expect(sniffCompression(new Uint8Array(0))).toBe('none');
    expect(sniffCompression(Buffer.from('manifest.json'))).toBe('none');
  });
});

describe('normaliseArchiveName', () => {
  it.each([
    ['docker.io/library/busybox:1', 'busybox:1'],
    ['docker.io/me/x:2', 'me/x:2'],
    ['localhost:5000/x:1', 'localhost:5000/x:1'],
    ['registry.example.com/team/app:1.0', 'registry.example.com/team/app:1.0'],
    ['index.docker.io/library/nginx:1.27', 'nginx:1.27'],
    ['busybox', 'busybox:latest'],
    ['fixture/busybox:1', 'fixture/busybox:1'],
    [`docker.io/library/busybox@sha256:${'a'.repeat(64)}`, `busybox@sha256:${'a'.repeat(64)}`],
  ])('gives %s as %s', (name, familiar) => {
    expect(normaliseArchiveName(name)).toBe(familiar);
  });

  it.each(['', 'Busybox:1', ' busybox:1', 'busybox:1 ', 'busy box', 'a'.repeat(64), 'x:-bad', 'https://docker.io/busybox'])('refuses %j', (name) => {
    expect(normaliseArchiveName(name)).toBeNull();
  });
});

describe('the legacy layout (Docker 20.10 docker save)', () => {
  it('reads images, tags and platforms, with manifest.json last and a layer shared through a symlink', async () => {
    const base = layer('base layer', 50);
    const top = layer('top layer', 10);
    const configA = json({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [sha256(base), sha256(top)] } });
    const configB = json({ architecture: 'arm', os: 'linux', variant: 'v7', rootfs: { type: 'layers', diff_ids: [sha256(base), sha256(base)] } });
    const [idA, idB, idC] = ['1'.repeat(64), '2'.repeat(64), '3'.repeat(64)];
    const dir = (id: string): TarEntry[] => [
      { name: `${id}/`, type: 'directory' },
      { name: `${id}/VERSION`, content: Buffer.from('1.0') },
      { name: `${id}/json`, content: json({ id }) },
    ];
    const tar = await tarOf([
      ...dir(idA),
      { name: `${idA}/layer.tar`, content: base },
      ...dir(idB),
      { name: `${idB}/layer.tar`, content: top },
      ...dir(idC),
      // What 20.10 writes when a second image has a layer with the same content as one already saved.
      { name: `${idC}/layer.tar`, type: 'symlink', linkname: `../${idA}/layer.tar` },
      { name: `${hex(sha256(configA))}.json`, content: configA },
      { name: `${hex(sha256(configB))}.json`, content: configB },
      {
        name: 'manifest.json',
        content: json([
          { Config: `${hex(sha256(configA))}.json`, RepoTags: ['fixture/busybox:1', 'fixture/busybox:latest'], Layers: [`${idA}/layer.tar`, `${idB}/layer.tar`] },
          { Config: `${hex(sha256(configB))}.json`, RepoTags: null, Layers: [`${idA}/layer.tar`, `${idC}/layer.tar`] },
        ]),
      },
      { name: 'repositories', content: json({ 'fixture/busybox': { '1': idB, latest: idB } }) },
    ]);
    expect(await read(tar, 'fixtures.tar')).toEqual({
      compression: 'none',
      layout: 'docker',
      tarBytes: tar.length,
      images: [
        { configDigest: sha256(configA), targetDigest: null, tags: ['fixture/busybox:1', 'fixture/busybox:latest'], platforms: ['linux/amd64'], layers: 2, layerBytes: base.length + top.length },
        // Both its layers are the one file: the link is followed, and the bytes are counted once.
        { configDigest: sha256(configB), targetDigest: null, tags: [], platforms: ['linux/arm/v7'], layers: 2, layerBytes: base.length },
      ],
    });
  });

  it('reports the hash of the config as its digest, not the name the file has', async () => {
    const config = json({ architecture: 'amd64', os: 'linux' });
    const tar = await tarOf([
      { name: 'renamed.json', content: config },
      { name: 'manifest.json', content: json([{ Config: 'renamed.json', RepoTags: ['x:1'], Layers: [] }]) },
    ]);
    expect((await read(tar)).images[0]!.configDigest).toBe(sha256(config));
  });

  it('reads what buildArchive writes for several images, in any entry order', async () => {
    const { entries, expected, tar } = await archiveOf([busybox, tool], 'docker');
    expect(await read(tar)).toEqual({ ...expected, compression: 'none', tarBytes: tar.length });
    const reversed = await tarOf([...entries].reverse());
    expect(await read(reversed)).toEqual({ ...expected, compression: 'none', tarBytes: reversed.length });
  });
});

describe('the OCI layout (containerd image store)', () => {
  it('reads a single-platform image named by io.containerd.image.name, with its manifest digest as target', async () => {
    const { tar, expected } = await archiveOf([busybox], 'oci');
    const contents = await read(tar);
    expect(contents).toEqual({ ...expected, compression: 'none', tarBytes: tar.length });
    expect(contents.layout).toBe('oci');
    expect(contents.images).toHaveLength(1);
    expect(contents.images[0]!.tags).toEqual(['busybox:1', 'busybox:latest']);
    expect(contents.images[0]!.platforms).toEqual(['linux/amd64']);
  });

  it('reports only the platforms of a multi-platform image whose config and layers are all in the file', async () => {
    const { tar, expected } = await archiveOf([multi], 'oci');
    const contents = await read(tar);
    expect(contents).toEqual({ ...expected, compression: 'none', tarBytes: tar.length });
    expect(contents.images[0]!.platforms).toEqual(['linux/arm64/v8', 'linux/arm/v7']);
    expect(contents.images[0]!.layers).toBe(3);
  });

  it('leaves an entry with only org.opencontainers.image.ref.name untagged: "1" alone is not a name', async () => {
    const { tar } = await archiveOf([{ ...busybox, names: [] }], 'oci');
    expect((await read(tar)).images[0]!.tags).toEqual([]);
  });

  it('skips attestation manifests in an index (BuildKit provenance)', async () => {
    const { entries } = buildArchive([multi], 'oci');
    const indexBlob = entries.find((e) => e.name.startsWith('blobs/') && e.content!.toString().includes('"manifests"'))!;
    const index = JSON.parse(indexBlob.content!.toString()) as { manifests: unknown[] };
    index.manifests.push({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: sha256('absent'),
      size: 10,
      platform: { os: 'unknown', architecture: 'unknown' },
      annotations: { 'vnd.docker.reference.type': 'attestation-manifest' },
    });
    const newIndex = json(index);
    const indexJson = json({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', digest: sha256(newIndex), size: newIndex.length, annotations: { 'io.containerd.image.name': 'docker.io/library/multi:1' } }] });
    const tar = await tarOf([...entries.filter((e) => e !== indexBlob && e.name !== 'index.json'), { name: `blobs/sha256/${hex(sha256(newIndex))}`, content: newIndex }, { name: 'index.json', content: indexJson }]);
    const contents = await read(tar);
    expect(contents.images[0]!.platforms).toEqual(['linux/arm64/v8', 'linux/arm/v7']);
    expect(contents.images[0]!.tags).toEqual(['multi:1']);
  });
});

describe('the docker+oci layout (Docker 25+)', () => {
  it('gives one image per config, with the names of index.json and manifest.json merged', async () => {
    const { tar, expected } = await archiveOf([busybox, tool, multi], 'docker+oci');
    const contents = await read(tar);
    expect(contents).toEqual({ ...expected, compression: 'none', tarBytes: tar.length });
    expect(contents.layout).toBe('docker+oci');
    expect(contents.images.map((i) => i.tags)).toEqual([['busybox:1', 'busybox:latest'], ['me/tool:2'], ['localhost:5000/team/multi:1']]);
  });

  it('takes the config manifest.json names as the multi-platform image\'s config (the platform docker save chose)', async () => {
    const { entries } = buildArchive([multi], 'docker+oci');
    const manifest = JSON.parse(entries.find((e) => e.name === 'manifest.json')!.content!.toString()) as Array<{ Config: string; Layers: string[] }>;
    const armConfig = entries.find((e) => e.content?.toString().includes('"variant":"v7"') && !e.content.toString().includes('mediaType'))!;
    manifest[0]!.Config = armConfig.name;
    manifest[0]!.Layers = [`blobs/sha256/${hex(sha256(layer('multi arm')))}`];
    const contents = await read(await tarOf(replaceEntry(entries, 'manifest.json', json(manifest))));
    expect(contents.images).toHaveLength(1);
    expect(contents.images[0]!.configDigest).toBe(`sha256:${armConfig.name.split('/').pop()}`);
  });
});

describe('compressed archives', () => {
  it('reads a gzip-compressed archive and counts the tar bytes after decompression', async () => {
    const { tar, expected } = await archiveOf([busybox, multi], 'docker+oci');
    expect(await read(gzipSync(tar), 'a.tar.gz')).toEqual({ ...expected, compression: 'gzip', tarBytes: tar.length });
  });

  it('reads a multi-member gzip (as pigz and cat a.gz b.gz write)', async () => {
    const { tar, expected } = await archiveOf([busybox], 'docker');
    const two = Buffer.concat([gzipSync(tar.subarray(0, 1000)), gzipSync(tar.subarray(1000))]);
    expect(await read(two, 'a.tar.gz')).toEqual({ ...expected, compression: 'gzip', tarBytes: tar.length });
  });

  it.each([
    ['legacy.tar.zst', ZSTD_FIXTURE_IMAGES.slice(0, 1), 'docker'],
    ['docker-oci-two-frames.tar.zst', ZSTD_FIXTURE_IMAGES, 'docker+oci'],
  ] as const)('decodes the zstd fixture %s to exactly its tar, and reads it', async (name, images, layout) => {
    const { tar, expected } = await archiveOf([...images], layout);
    const decoded: Buffer[] = [];
    for await (const chunk of tarStreamOf(streamOf(fixture(name)), 'zstd')) decoded.push(chunk as Buffer);
    expect(Buffer.concat(decoded).equals(tar)).toBe(true);
    expect(await read(fixture(name), name)).toEqual({ ...expected, compression: 'zstd', tarBytes: tar.length });
    // However the file arrives in pieces, frames and blocks split across them.
    expect(await read(fixture(name), name, 7)).toEqual({ ...expected, compression: 'zstd', tarBytes: tar.length });
  });

  it('skips zstd skippable frames between and after the data frames', async () => {
    const skippable = Buffer.concat([Buffer.from([0x50, 0x2a, 0x4d, 0x18, 5, 0, 0, 0]), Buffer.from('hello')]);
    const empty = Buffer.from([0x5f, 0x2a, 0x4d, 0x18, 0, 0, 0, 0]);
    const zst = fixture('legacy.tar.zst');
    const contents = await read(Buffer.concat([zst, skippable, empty]), 'a.tar.zst');
    expect(contents.images).toHaveLength(1);
  });

  it('reads a file that arrives one byte at a time', async () => {
    const { tar, expected } = await archiveOf([busybox], 'oci');
    expect(await read(gzipSync(tar), 'a.tar.gz', 1)).toEqual({ ...expected, compression: 'gzip', tarBytes: tar.length });
  });
});

describe('input that is not an image archive', () => {
  it('refuses a text file: not a tar', async () => {
    await expectRefusal(Buffer.from('step 1/4: FROM busybox\n'.repeat(100)), 'build.log', 'build.log is not an image archive: it is not a tar file.');
  });

  it('refuses a PNG: not a tar', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(3000, 7)]);
    await expectRefusal(png, 'logo.png', 'logo.png is not an image archive: it is not a tar file.');
  });

  it('refuses a file shorter than one tar block', async () => {
    await expectRefusal(Buffer.from('{"hello": 1}'), 'x.json', 'x.json is not an image archive: it is not a tar file.');
  });

  it('refuses an empty file', async () => {
    await expectRefusal(Buffer.alloc(0), 'x.tar', 'x.tar is empty: it holds no data.');
  });

  it('refuses gzip that holds something other than a tar', async () => {
    await expectRefusal(gzipSync(Buffer.from('just some notes\n'.repeat(100))), 'notes.gz', 'notes.gz is not an image archive: it is gzip-compressed, but what it holds is not a tar file.');
  });

  it('refuses a filesystem export (docker export) and points to Import', async () => {
    const tar = await tarOf([
      { name: 'bin/', type: 'directory' },
      { name: 'bin/sh', content: Buffer.from('#!elf') },
      { name: 'etc/passwd', content: Buffer.from('root:x:0:0::/root:/bin/sh\n') },
    ]);
    await expectRefusal(tar, 'a.tar', 'a.tar holds no images: it has neither manifest.json nor index.json — is it a filesystem export? Use Import for those.');
  });

  it('refuses archives whose lists of images are empty', async () => {
    await expectRefusal(await tarOf([{ name: 'manifest.json', content: json([]) }]), 'a.tar', 'a.tar holds no images: its manifest.json lists none.');
    await expectRefusal(await tarOf([{ name: 'index.json', content: json({ schemaVersion: 2, manifests: [] }) }]), 'a.tar', 'a.tar holds no images: its index.json lists none.');
    await expectRefusal(
      await tarOf([
        { name: 'index.json', content: json({ manifests: [] }) },
        { name: 'manifest.json', content: json([]) },
      ]),
      'a.tar',
      'a.tar holds no images: its manifest.json and index.json list none.',
    );
  });
});

describe('archives cut short or damaged', () => {
  let whole: Buffer;
  let manifestHeader: number;
  beforeAll(async () => {
    whole = (await archiveOf([busybox], 'docker')).tar;
    manifestHeader = headerOffset(whole, 'manifest.json');
  });

  it('says a file cut in the middle of an entry is cut short', async () => {
    await expectRefusal(whole.subarray(0, 700), 'nginx.tar', 'nginx.tar is cut short: the file ends in the middle of an entry (was the copy complete?).');
  });

  it('says a file cut in the middle of a header is cut short', async () => {
    await expectRefusal(whole.subarray(0, manifestHeader + 100), 'nginx.tar', 'nginx.tar is cut short: the file ends in the middle of an entry header (was the copy complete?).');
  });

  it('says a file cut between two entries (no end marker) is cut short', async () => {
    await expectRefusal(whole.subarray(0, manifestHeader), 'nginx.tar', "nginx.tar is cut short: the file ends before the archive's end marker (was the copy complete?).");
    await expectRefusal(whole.subarray(0, whole.length - 1024), 'nginx.tar', "nginx.tar is cut short: the file ends before the archive's end marker (was the copy complete?).");
  });

  it('says a header claiming an absurd size is cut short, not a crash or a wait', async () => {
    await expectRefusal(withClaimedSize(whole, 'manifest.json', 0o77777777777), 'a.tar', /^a\.tar is cut short: the file ends in the middle of an entry/);
  });

  it('says a corrupt header after good entries is damage, with its offset', async () => {
    const broken = Buffer.from(whole);
    broken.fill(0x41, manifestHeader, manifestHeader + 100);
    const error = await expectRefusal(broken, 'a.tar', `a.tar is damaged: the tar entry header at byte ${manifestHeader} is corrupt.`);
    expect(error.detail).toMatch(/Invalid tar header/);
  });

  it('says corrupt gzip is damaged and cut gzip is cut short', async () => {
    const gz = gzipSync(whole);
    const badMethod = Buffer.from(gz);
    badMethod[2] = 7;
    await expectRefusal(badMethod, 'x.tar.gz', 'x.tar.gz is damaged: its gzip data is corrupt.');
    const badCrc = Buffer.from(gz);
    badCrc[gz.length - 6] = badCrc[gz.length - 6]! ^ 0xff;
    await expectRefusal(badCrc, 'x.tar.gz', 'x.tar.gz is damaged: its gzip data is corrupt.');
    await expectRefusal(gz.subarray(0, gz.length / 2), 'x.tar.gz', 'x.tar.gz is cut short: its gzip data ends early (was the copy complete?).');
  });

  it('says corrupt zstd is damaged and cut zstd is cut short', async () => {
    const zst = fixture('legacy.tar.zst');
    const reserved = Buffer.from(zst);
    // The fixture's frame header: descriptor 0x64 (single segment, checksum, 2-byte content size) and that size.
    expect(zst[4]).toBe(0x64);
    reserved[7] = reserved[7]! | 0b110;
    await expectRefusal(reserved, 'x.tar.zst', 'x.tar.zst is damaged: its zstd data is corrupt.');
    await expectRefusal(zst.subarray(0, 200), 'x.tar.zst', 'x.tar.zst is cut short: its zstd data ends early (was the copy complete?).');
    await expectRefusal(Buffer.concat([zst, Buffer.from('trailing junk')]), 'x.tar.zst', 'x.tar.zst is damaged: its zstd data is corrupt.');
  });

  it('refuses a zstd frame asking for a window larger than zstd -d allows, before allocating it', async () => {
    // Magic, descriptor (no content size, no checksum), window descriptor 2^30 = 1 GiB.
    const frame = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 20 << 3, 0x01, 0x00, 0x00]);
    const error = await expectRefusal(frame, 'big.tar.zst', 'big.tar.zst needs too much memory to decompress: its zstd window is 1 GiB, and Stevedore allows 128 MiB (as zstd -d does by default).');
    expect(error.hint).toMatch(/--memory/);
  });

  it('refuses zstd needing a dictionary', async () => {
    const frame = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x01, 10 << 3, 0x07, 0x01, 0x00, 0x00]);
    await expectRefusal(frame, 'd.tar.zst', 'd.tar.zst cannot be decompressed: its zstd data needs a dictionary.');
  });

  it('refuses, quickly, zstd blocks that cost a window move each and yield nothing (a CPU bomb for fzstd)', async () => {
    // An 8 MiB window, then 40,000 empty raw blocks: 320 GiB of memmove in fzstd if let through.
    const header = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 13 << 3]);
    const bomb = Buffer.concat([header, Buffer.alloc(3 * 40_000), Buffer.from([0x01, 0x00, 0x00])]);
    const started = Date.now();
    await expectRefusal(bomb, 'bomb.tar.zst', 'bomb.tar.zst is damaged: its zstd data is corrupt.');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses, after a bounded pause, a compressed zstd block whose sequences would loop for minutes in fzstd', async () => {
    // Raw literals (none), 98,303 sequences, every table RLE: 131,071-byte literal and match lengths.
    const body = Buffer.from([0x00, 0xff, 0xff, 0xff, 0x54, 35, 0, 52, 0x01]);
    const header = 0 | (2 << 1) | (body.length << 3);
    const block = Buffer.concat([Buffer.from([header & 0xff, (header >> 8) & 0xff, header >> 16]), body]);
    const frame = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 7 << 3]), block, block, Buffer.from([0x01, 0x00, 0x00])]);
    const started = Date.now();
    const error = await expectRefusal(frame, 'seq.tar.zst', 'seq.tar.zst is damaged: its zstd data is corrupt.');
    expect(error.detail).toMatch(/took over 2000 ms/);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 20_000);

  it('refuses a zstd block larger than the format allows', async () => {
    // A single-segment frame of 200 bytes (so a 200-byte window) holding a 2,048-byte RLE block.
    const header = 1 | (1 << 1) | (2048 << 3);
    const frame = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x20, 200, header & 0xff, (header >> 8) & 0xff, header >> 16, 0x41]);
    await expectRefusal(frame, 'x.tar.zst', 'x.tar.zst is damaged: its zstd data is corrupt.');
  });
});

describe('archives whose manifests do not hold together', () => {
  it('names a layer manifest.json lists but the file lacks', async () => {
    const { entries } = buildArchive([busybox], 'docker');
    const missing = entries.find((e) => e.name.endsWith('/layer.tar'))!;
    const tar = await tarOf(entries.filter((e) => e !== missing));
    await expectRefusal(tar, 'a.tar', `a.tar names layer ${shortHex(missing.name)}, which is not in the file.`);
  });

  it('names a config manifest.json lists but the file lacks', async () => {
    const { entries } = buildArchive([busybox], 'docker');
    const config = entries.find((e) => /^[a-f0-9]{64}\.json$/.test(e.name))!;
    await expectRefusal(await tarOf(entries.filter((e) => e !== config)), 'a.tar', `a.tar names config ${shortHex(config.name)}, which is not in the file.`);
  });

  it('names an image index.json lists but the file lacks', async () => {
    const { entries } = buildArchive([busybox], 'oci');
    const target = JSON.parse(entries.find((e) => e.name === 'index.json')!.content!.toString()).manifests[0].digest as string;
    const tar = await tarOf(entries.filter((e) => e.name !== `blobs/sha256/${hex(target)}`));
    await expectRefusal(tar, 'a.tar', 'a.tar names image busybox:1, which is not in the file.');
  });

  it('refuses an image none of whose platforms is complete', async () => {
    const { entries } = buildArchive([multi], 'oci');
    const armLayer = `blobs/sha256/${hex(sha256(layer('multi arm')))}`;
    const arm64Layer = `blobs/sha256/${hex(sha256(layer('multi arm64')))}`;
    const tar = await tarOf(entries.filter((e) => e.name !== armLayer && e.name !== arm64Layer));
    await expectRefusal(tar, 'a.tar', 'a.tar names image localhost:5000/team/multi:1, but the file holds the layers of none of its platforms.');
  });

  it('follows a layer symlink only inside the archive', async () => {
    const { entries } = buildArchive([busybox], 'docker');
    const target = entries.find((e) => e.name.endsWith('/layer.tar'))!;
    const tar = await tarOf(replaceEntry(entries, target.name, Buffer.alloc(0)).map((e) => (e.name === target.name ? { name: e.name, type: 'symlink', linkname: '../../../etc/passwd' } : e)));
    await expectRefusal(tar, 'a.tar', /^a\.tar names layer [a-f0-9]{12}…\/layer\.tar, which is not in the file\.$/);
  });

  it('says manifest.json that is not JSON is damage', async () => {
    const tar = await tarOf([{ name: 'manifest.json', content: Buffer.from('[{"Config": ') }]);
    const error = await expectRefusal(tar, 'a.tar', 'a.tar is damaged: its manifest.json is not valid JSON.');
    expect(error.detail).toBeTruthy();
  });

  it('says manifest.json of the wrong shape is damage, and where', async () => {
    const tar = await tarOf([{ name: 'manifest.json', content: json([{ Config: 5, Layers: 'x' }]) }]);
    const error = await expectRefusal(tar, 'a.tar', 'a.tar is damaged: its manifest.json does not have the shape docker save writes.');
    expect(error.detail).toMatch(/0\.Config/);
  });

  it('says an index.json descriptor with an absurd size or a bad digest is damage', async () => {
    for (const descriptor of [
      { digest: sha256('x'), size: -1 },
      { digest: sha256('x'), size: 1e300 },
      { digest: 'sha256:zz', size: 1 },
      { digest: `md5:${'a'.repeat(32)}`, size: 1 },
    ]) {
      const tar = await tarOf([{ name: 'index.json', content: json({ manifests: [descriptor] }) }]);
      await expectRefusal(tar, 'a.tar', 'a.tar is damaged: its index.json does not have the shape docker save writes.');
    }
  });

  it('says a config whose layer count disagrees with manifest.json is damage', async () => {
    const config = json({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [sha256('a'), sha256('b')] } });
    const tar = await tarOf([
      { name: 'l/layer.tar', content: Buffer.from('a') },
      { name: 'c.json', content: config },
      { name: 'manifest.json', content: json([{ Config: 'c.json', RepoTags: ['x:1'], Layers: ['l/layer.tar'] }]) },
    ]);
    await expectRefusal(tar, 'a.tar', 'a.tar is damaged: it lists 1 layer for config c.json, which expects 2.');
  });

  it('says a blob whose content does not match its digest is damage', async () => {
    const { entries } = buildArchive([busybox], 'oci');
    const config = entries.find((e) => e.name.startsWith('blobs/') && e.content!.toString().includes('"rootfs"'))!;
    const forged = Buffer.from(config.content!.toString().replace('amd64', 'arm64'));
    const tar = await tarOf(replaceEntry(entries, config.name, forged));
    await expectRefusal(tar, 'a.tar', `a.tar is damaged: the content of config ${short(`sha256:${config.name.slice(-64)}`)} does not match its digest.`);
  });

  it('says a layer blob of another size than its manifest says is damage', async () => {
    const { entries } = buildArchive([busybox], 'oci');
    const layerName = `blobs/sha256/${hex(sha256(layer('busybox top')))}`;
    const tar = await tarOf(replaceEntry(entries, layerName, Buffer.concat([layer('busybox top'), Buffer.from('!')])));
    const size = layer('busybox top').length;
    await expectRefusal(tar, 'a.tar', `a.tar is damaged: layer ${short(sha256(layer('busybox top')))} is ${size + 1} bytes, but its manifest says ${size}.`);
  });

  it('refuses a config over 1 MiB by name rather than reading it', async () => {
    const big = json({ architecture: 'amd64', os: 'linux', history: 'x'.repeat(1_300_000) });
    const tar = await tarOf([
      { name: 'big.json', content: big },
      { name: 'manifest.json', content: json([{ Config: 'big.json', RepoTags: ['x:1'], Layers: [] }]) },
    ]);
    await expectRefusal(tar, 'a.tar', 'a.tar names config big.json of 1.2 MiB; Stevedore reads such files up to 1 MiB.');
  });

  it('refuses image indexes nesting without end, or fanning out without end', async () => {
    // Six indexes, each pointing at the next and the last at the manifest: deeper than any real image.
    const { entries } = buildArchive([busybox], 'oci');
    const manifestRef = JSON.parse(entries.find((e) => e.name === 'index.json')!.content!.toString()).manifests[0] as { digest: string; size: number };
    const indexOf = (manifests: unknown[]) => json({ mediaType: 'application/vnd.oci.image.index.v1+json', manifests });
    let target = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: manifestRef.digest, size: manifestRef.size };
    const blobs: TarEntry[] = [];
    for (let i = 0; i < 6; i += 1) {
      const index = indexOf([target]);
      blobs.push({ name: `blobs/sha256/${hex(sha256(index))}`, content: index });
      target = { mediaType: 'application/vnd.oci.image.index.v1+json', digest: sha256(index), size: index.length };
    }
    const deep = replaceEntry([...entries, ...blobs], 'index.json', json({ manifests: [target] }));
    await expectRefusal(await tarOf(deep), 'a.tar', 'a.tar is damaged: its image indexes nest too deeply or refer to each other.');

    // 200 × 200 references to the same manifest: 40,000 look-ups from 2 small blobs.
    const inner = indexOf(Array.from({ length: 200 }, () => ({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: manifestRef.digest, size: manifestRef.size })));
    const outer = indexOf(Array.from({ length: 200 }, () => ({ mediaType: 'application/vnd.oci.image.index.v1+json', digest: sha256(inner), size: inner.length })));
    const wide = replaceEntry(
      [...entries, { name: `blobs/sha256/${hex(sha256(inner))}`, content: inner }, { name: `blobs/sha256/${hex(sha256(outer))}`, content: outer }],
      'index.json',
      json({ manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', digest: sha256(outer), size: outer.length }] }),
    );
    await expectRefusal(await tarOf(wide), 'a.tar', 'a.tar is damaged: its image indexes nest too deeply or refer to each other.');
  });
});

describe('hostile entries', () => {
  it('refuses an entry whose name climbs out with ..', async () => {
    const { entries } = buildArchive([busybox], 'docker');
    for (const name of ['../../etc/cron.d/x', 'a/../../b', '..']) {
      const tar = await tarOf([{ name, content: Buffer.from('x') }, ...entries]);
      await expectRefusal(tar, 'a.tar', `a.tar is not a safe archive: the entry "${name}" points outside it.`);
    }
  });

  it('refuses a manifest.json naming a file outside the archive', async () => {
    const tar = await tarOf([{ name: 'manifest.json', content: json([{ Config: '../../etc/passwd', RepoTags: null, Layers: [] }]) }]);
    await expectRefusal(tar, 'a.tar', 'a.tar is not a safe archive: the entry "../../etc/passwd" points outside it.');
  });

  it('reads an image among thousands of tiny entries', async () => {
    const { entries, expected } = buildArchive([busybox], 'docker');
    const tiny: TarEntry[] = Array.from({ length: 5000 }, (_, i) => ({ name: `noise/${i}`, content: Buffer.from(String(i)) }));
    const tar = await tarOf([...tiny, ...entries]);
    expect(await read(tar)).toEqual({ ...expected, compression: 'none', tarBytes: tar.length });
  });

  it('refuses more entries than an image archive has, but still points a big filesystem export to Import', async () => {
    const many = await noise(100_001);
    const { entries } = buildArchive([busybox], 'docker');
    await expectRefusal(Buffer.concat([many, await tarOf(entries)]), 'a.tar', 'a.tar has more than 100,000 entries, far more than an image archive holds.');
    await expectRefusal(Buffer.concat([many, Buffer.alloc(1024)]), 'a.tar', /^a\.tar holds no images: it has neither manifest\.json nor index\.json/);
  }, 60_000);

  it('refuses more than 32 MiB of small JSON entries', async () => {
    const blob = Buffer.from(`[${'1,'.repeat(500_000)}1]`);
    const blobs: TarEntry[] = Array.from({ length: 34 }, (_, i) => ({ name: `${i}.json`, content: blob }));
    const { entries } = buildArchive([busybox], 'docker');
    await expectRefusal(await tarOf([...blobs, ...entries]), 'a.tar', 'a.tar has more than 32 MiB of small JSON entries, far more than an image archive holds.');
  }, 30_000);
});

describe('cancelling', () => {
  /** A source that gives its first bytes and then nothing, as a stalled network share might. */
  function stalled(head: Buffer): Readable {
    const raw = new Readable({ read() {} });
    raw.push(head);
    return raw;
  }

  it('rejects with CANCELLED at once when the signal is already aborted, closing the source', async () => {
    const raw = streamOf(Buffer.alloc(4096));
    const controller = new AbortController();
    controller.abort();
    await expect(readArchive(raw, { fileName: 'a.tar', signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(raw.destroyed).toBe(true);
  });

  it.each([
    ['waiting for the first bytes', async () => new Readable({ read() {} })],
    ['inside a tar entry', async () => stalled((await archiveOf([busybox], 'docker')).tar.subarray(0, 1024))],
    ['inside gzip data', async () => stalled(gzipSync((await archiveOf([busybox], 'docker')).tar).subarray(0, 200))],
    ['inside a zstd frame', async () => stalled(fixture('legacy.tar.zst').subarray(0, 100))],
  ])('rejects with CANCELLED %s, and destroys the source', async (_where, source) => {
    const raw = await source();
    const controller = new AbortController();
    const reading = readArchive(raw, { fileName: 'slow.tar', signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    const error = await reading.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({ code: 'CANCELLED', message: 'Reading slow.tar was cancelled.' });
    expect(raw.destroyed).toBe(true);
  });
});

describe('readArchiveFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stevedore-archive-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a file from disk, naming it by its base name in messages', async () => {
    const { tar, expected } = await archiveOf([busybox, multi], 'docker+oci');
    fs.writeFileSync(path.join(dir, 'images.tar.gz'), gzipSync(tar));
    expect(await readArchiveFile(path.join(dir, 'images.tar.gz'))).toEqual({ ...expected, compression: 'gzip', tarBytes: tar.length });
    fs.writeFileSync(path.join(dir, 'build.log'), 'not an archive\n'.repeat(100));
    await expect(readArchiveFile(path.join(dir, 'build.log'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: 'build.log is not an image archive: it is not a tar file.' });
  });

  it('says a missing file does not exist and a folder is not an archive', async () => {
    await expect(readArchiveFile(path.join(dir, 'gone.tar'))).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'gone.tar does not exist.' });
    fs.mkdirSync(path.join(dir, 'folder.tar'));
    await expect(readArchiveFile(path.join(dir, 'folder.tar'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: 'folder.tar is a folder, not an image archive.' });
  });

  it.skipIf(process.platform !== 'linux')('leaves no file descriptor open, whether reading succeeds, fails or is cancelled', async () => {
    const { tar } = await archiveOf([busybox], 'docker');
    fs.writeFileSync(path.join(dir, 'ok.tar'), tar);
    fs.writeFileSync(path.join(dir, 'cut.tar.gz'), gzipSync(tar).subarray(0, 300));
    fs.writeFileSync(path.join(dir, 'junk.tar'), Buffer.alloc(5000, 0x41));
    const open = () => fs.readdirSync('/proc/self/fd').length;
    await readArchiveFile(path.join(dir, 'ok.tar'));
    const before = open();
    for (let i = 0; i < 20; i += 1) {
      await readArchiveFile(path.join(dir, 'ok.tar'));
      await readArchiveFile(path.join(dir, 'cut.tar.gz')).catch(() => undefined);
      await readArchiveFile(path.join(dir, 'junk.tar')).catch(() => undefined);
      const controller = new AbortController();
      const reading = readArchiveFile(path.join(dir, 'ok.tar'), { signal: controller.signal });
      controller.abort();
      await reading.catch(() => undefined);
    }
    // Closing is asynchronous after a destroy: give the last closes a moment.
    await new Promise((r) => setTimeout(r, 100));
    expect(open()).toBe(before);
  });
});
