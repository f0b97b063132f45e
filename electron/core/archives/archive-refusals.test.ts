import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildArchive, sha256, tarOf, type TarEntry } from './test-archives';
import { fixture, hex, short, shortHex, json, read, expectRefusal, layer, busybox, multi, archiveOf, withClaimedSize, headerOffset, noise, replaceEntry } from './archive-test-helpers';

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
