import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { normaliseArchiveName, sniffCompression, tarStreamOf } from './archive-reader';
import { buildArchive, sha256, streamOf, tarOf, ZSTD_FIXTURE_IMAGES, type TarEntry } from './test-archives';
import { fixture, hex, json, read, layer, busybox, tool, multi, archiveOf, replaceEntry } from './archive-test-helpers';

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
