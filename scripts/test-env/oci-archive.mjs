// Writes a small multi-platform OCI image archive (an index of linux/amd64 and linux/arm64), as a
// registry would serve one, so the containerd store's multi-platform handling is tested offline.
import fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { sha256, tarOf } from './docker-archive.mjs';

/** A layer: an uncompressed tar of one file, and its gzip form as the blob. */
async function layer(path, content) {
  const raw = await tarOf([{ name: path, content }]);
  const blob = gzipSync(raw);
  return { diffId: sha256(raw), blob, digest: sha256(blob) };
}

/**
 * @param {string} file
 * @param {string} name  the full name the engine will give it, e.g. docker.io/fixture/multi:1
 * @param {Record<string, string>} [labels]
 */
export async function writeMultiPlatformArchive(file, name, labels = { 'stevedore.fixture': 'multi-platform' }) {
  const blobs = new Map();
  const add = (buf) => {
    const digest = sha256(buf);
    blobs.set(digest, buf);
    return { digest, size: buf.length };
  };
  const manifests = [];
  for (const [os, architecture, variant] of [['linux', 'amd64'], ['linux', 'arm64', 'v8']]) {
    const l = await layer(`platform-${architecture}.txt`, Buffer.from(`${name} built for ${os}/${architecture}\n`));
    blobs.set(l.digest, l.blob);
    const config = Buffer.from(JSON.stringify({
      architecture, os, ...(variant ? { variant } : {}),
      created: '2026-01-01T00:00:00Z',
      config: { Cmd: ['/platform.txt'], Labels: labels },
      rootfs: { type: 'layers', diff_ids: [l.diffId] },
      history: [{ created: '2026-01-01T00:00:00Z', created_by: `COPY platform-${architecture}.txt /` }],
    }));
    const c = add(config);
    const manifest = Buffer.from(JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...c },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: l.digest, size: l.blob.length }],
    }));
    manifests.push({ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...add(manifest), platform: { os, architecture, ...(variant ? { variant } : {}) } });
  }
  const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests }));
  const indexDesc = add(index);
  const top = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', ...indexDesc, annotations: { 'io.containerd.image.name': name, 'org.opencontainers.image.ref.name': name.split(':').pop() } }],
  };
  const pack = tar.pack();
  pack.entry({ name: 'oci-layout', mtime: new Date(0) }, JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  pack.entry({ name: 'index.json', mtime: new Date(0) }, JSON.stringify(top));
  for (const [digest, buf] of blobs) pack.entry({ name: `blobs/sha256/${digest.slice(7)}`, mtime: new Date(0) }, buf);
  pack.finalize();
  const out = fs.createWriteStream(file);
  await new Promise((resolve, reject) => {
    pack.pipe(out);
    out.on('finish', resolve);
    out.on('error', reject);
  });
  return { indexDigest: indexDesc.digest, platforms: ['linux/amd64', 'linux/arm64/v8'] };
}
