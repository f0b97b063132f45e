// Writing docker-archives (the `docker save` format both image stores load) for generated image sets.
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import tar from 'tar-stream';

export const sha256 = (buf) => `sha256:${createHash('sha256').update(buf).digest('hex')}`;

/** A tar of the given files, in memory. */
export async function tarOf(files) {
  const pack = tar.pack();
  for (const f of files) pack.entry({ name: f.name, mode: 0o644, mtime: new Date(0) }, f.content);
  pack.finalize();
  const chunks = [];
  for await (const c of pack) chunks.push(c);
  return Buffer.concat(chunks);
}

/** A layer: an uncompressed tar, as a docker-archive holds it. */
export async function layerOf(files) {
  const raw = await tarOf(files);
  return { raw, diffId: sha256(raw), file: `${sha256(raw).slice(7)}/layer.tar` };
}

/**
 * One docker-archive holding every image: `images` are `{ config: Buffer, layers: [{ file, raw }],
 * tags: string[] }`; an image without tags loads as a dangling one. Shared layers and configs are
 * written once.
 */
export async function writeDockerArchive(file, images) {
  const pack = tar.pack();
  const out = fs.createWriteStream(file);
  const done = new Promise((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  pack.pipe(out);
  const written = new Set();
  const manifest = [];
  const entry = (name, content) =>
    new Promise((resolve, reject) => {
      pack.entry({ name, mode: 0o644, mtime: new Date(0) }, content, (err) => (err ? reject(err) : resolve()));
    });
  for (const image of images) {
    const configName = `${sha256(image.config).slice(7)}.json`;
    if (!written.has(configName)) {
      await entry(configName, image.config);
      written.add(configName);
    }
    for (const l of image.layers) {
      if (written.has(l.file)) continue;
      await entry(l.file, l.raw);
      written.add(l.file);
    }
    manifest.push({ Config: configName, RepoTags: image.tags.length > 0 ? image.tags : null, Layers: image.layers.map((l) => l.file) });
  }
  await entry('manifest.json', Buffer.from(JSON.stringify(manifest)));
  pack.finalize();
  await done;
}
