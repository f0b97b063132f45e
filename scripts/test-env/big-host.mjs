// A big host for the list benchmark (issue: the image list at 5,000 rows): distinct tiny images in a few
// hundred repositories, extra tags, dangling images, all from one seeded generator and loaded in one
// `docker load`, so a second run finds it complete and does nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { layerOf, writeDockerArchive } from './docker-archive.mjs';
import { dockerFor } from './docker-cli.mjs';

export const BIG_LABEL = 'stevedore.bench';

/**
 * The shape of a host with `rows` rows in `docker images`: 41% distinct tagged images, 2% dangling,
 * the rest extra tags (5,100 rows: 2,091 images, 102 dangling, 2,907 extra tags).
 */
export function bigHostShape(rows) {
  const dangling = Math.max(1, Math.round(rows * 0.02));
  const tagged = Math.round(rows * 0.41);
  const repositories = Math.max(1, Math.round(tagged / 7));
  return { rows, tagged, dangling, extraTags: rows - tagged - dangling, repositories };
}

function imagesOf(shape) {
  const images = [];
  for (let i = 0; i < shape.tagged + shape.dangling; i++) {
    const repo = `bench/svc-${String(i % shape.repositories).padStart(3, '0')}`;
    const tags = i < shape.tagged ? [`${repo}:v${Math.floor(i / shape.repositories)}.0.${i % 10}`] : [];
    images.push({ i, repo, tags });
  }
  // Extra tags spread over the tagged images, a few each, as release trains leave them.
  for (let k = 0; k < shape.extraTags; k++) {
    const image = images[(k * 7919) % shape.tagged];
    image.tags.push(`${image.repo}:build-${k}`);
  }
  return images;
}

async function materialise(image) {
  const layer = await layerOf([{ name: `bench/${image.i}.txt`, content: Buffer.from(`image ${image.i}\n`) }]);
  const created = new Date((Date.UTC(2026, 0, 1) / 1000 + image.i * 60) * 1000).toISOString();
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created,
      config: { Labels: { [BIG_LABEL]: '1' } },
      rootfs: { type: 'layers', diff_ids: [layer.diffId] },
      history: [{ created, created_by: `bench image ${image.i}` }],
    }),
  );
  return { config, layers: [layer], tags: image.tags };
}


/** Rows of `docker images` on the engine right now. */
export function rowCount(dockerHost) {
  return dockerFor({ dockerHost })(['images', '-q']).split('\n').filter(Boolean).length;
}

/** Makes the engine hold exactly the big host (plus whatever else it had): loads it unless present. */
export async function ensureBigHost(dockerHost, rows) {
  const docker = dockerFor({ dockerHost });
  const shape = bigHostShape(rows);
  const images = imagesOf(shape);
  const names = new Set(docker(['images', '--filter', `label=${BIG_LABEL}`, '--format', '{{.Repository}}:{{.Tag}}']).split('\n').filter(Boolean));
  const missing = images.flatMap((i) => i.tags).filter((t) => !names.has(t));
  const danglingNow = docker(['images', '-q', '--filter', `label=${BIG_LABEL}`, '--filter', 'dangling=true']).split('\n').filter(Boolean).length;
  if (missing.length === 0 && danglingNow >= shape.dangling) return { shape, loaded: false };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-big-'));
  try {
    const file = path.join(dir, 'big.tar');
    const parts = [];
    for (const image of images) parts.push(await materialise(image));
    await writeDockerArchive(file, parts);
    docker(['load', '-q', '-i', file]);
    return { shape, loaded: true };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
