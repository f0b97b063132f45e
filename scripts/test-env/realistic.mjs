// A realistic image set for screenshots and scale e2e (../shared/TESTING.md, "Test at a realistic
// scale"): ~40 repositories, ~150 images with several tags each, shared base layers, long registry
// names and tags, labels, untagged leftovers, a ~200 MB image, parent chains from real builds, running
// and stopped containers. Content comes from a seeded generator, so every run makes the same image
// IDs and a second run only checks. Usage: node scripts/test-env/realistic.mjs add|remove [engine]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { readTestEnv } from '../test-engine.mjs';
import { FIXTURES, REALISTIC_LABEL } from './fixture-names.mjs';
import { seededRandom } from './seeded-random.mjs';
import { dockerFor } from './docker-cli.mjs';
import { layerOf, writeDockerArchive } from './docker-archive.mjs';

export { REALISTIC_LABEL };
export const CONTAINER_PREFIX = 'realistic-';
const DAY = 86_400;
/** When the set's images say they were made: fixed, so IDs do not change from run to run. */
const EPOCH = Date.UTC(2026, 9, 1) / 1000;

/** Incompressible bytes, the same for the same seed. */
function bytes(seed, size) {
  const rnd = seededRandom(seed);
  const words = new Uint32Array(Math.ceil(size / 4));
  for (let i = 0; i < words.length; i++) words[i] = (rnd() * 4294967296) >>> 0;
  return Buffer.from(words.buffer, 0, size);
}

/** A layer of files whose content is text or a seeded byte count. */
const makeLayer = (seed, files) => layerOf(files.map((f, i) => ({ name: f.name, content: typeof f.content === 'number' ? bytes(seed * 131 + i, f.content) : f.content })));

const REPOS = [
  'registry.example.com:5000/platform/payments/ledger-service',
  'registry.example.com:5000/platform/payments/settlement-batch-worker',
  'registry.example.com:5000/platform/identity/oauth2-authorization-server',
  'registry.example.com:5000/data-science/notebooks/jupyter-gpu-runtime',
  'registry.example.com:5000/team/sub/app',
  'harbor.internal.corp.example.cn/devops/ci-runner-images/golang-builder',
  'harbor.internal.corp.example.cn/devops/ci-runner-images/node-builder',
  'harbor.internal.corp.example.cn/mirror/library/nginx',
  'harbor.internal.corp.example.cn/mirror/library/redis',
  'registry.cn-hangzhou.aliyuncs.com/acme-cn/storefront-web',
  'registry.cn-hangzhou.aliyuncs.com/acme-cn/storefront-api',
  'ghcr.io/acme/observability/otel-collector-contrib',
  'acme/web-frontend',
  'acme/web-backend',
  'acme/admin-console',
  'acme/notification-service',
  'acme/search-indexer',
  'acme/report-generator',
  'postgres-mirror',
  'nginx-mirror',
  'redis-mirror',
  'mysql-mirror',
  'realistic/api-gateway',
  'realistic/auth',
  'realistic/billing',
  'realistic/cart',
  'realistic/catalog',
  'realistic/checkout',
  'realistic/emailer',
  'realistic/feature-flags',
  'realistic/geo',
  'realistic/inventory',
  'realistic/ml-inference',
  'realistic/orders',
  'realistic/pricing',
  'realistic/recommendations',
  'realistic/shipping',
  'realistic/thumbnailer',
  'realistic/user-profile',
  'realistic/webhooks',
];
const BIG_REPO = 'registry.example.com:5000/data-science/notebooks/jupyter-gpu-runtime';
const BIG_TAG = '2024.11-cuda12.4-python3.11-ubuntu22.04';

/** The set as data: which images, their layers (by base pool or own), tags, labels and ages. */
async function describeSet() {
  const rnd = seededRandom(20261123);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  // Bases several images share, as real images share debian or alpine layers.
  const bases = [
    { name: 'debian', layers: [await makeLayer(1, [{ name: 'base/debian-rootfs', content: 3_000_000 }]), await makeLayer(2, [{ name: 'etc/apt/sources.list', content: 'deb http://deb.debian.org/debian bookworm main\n' }])] },
    { name: 'alpine', layers: [await makeLayer(3, [{ name: 'base/alpine-rootfs', content: 2_200_000 }])] },
    { name: 'node', layers: [await makeLayer(1, [{ name: 'base/debian-rootfs', content: 3_000_000 }]), await makeLayer(2, [{ name: 'etc/apt/sources.list', content: 'deb http://deb.debian.org/debian bookworm main\n' }]), await makeLayer(4, [{ name: 'usr/local/bin/node', content: 1_800_000 }])] },
  ];
  const images = [];
  let seed = 100;
  for (const [r, repo] of REPOS.entries()) {
    const count = repo === BIG_REPO ? 2 : 2 + Math.floor(rnd() * 5);
    const base = pick(bases);
    for (let i = 0; i < count; i++) {
      seed++;
      const newest = i === 0;
      const ownSize = repo === BIG_REPO && newest ? 200 * 1024 * 1024 : Math.floor(5_000 + rnd() * 900_000);
      const own = [await makeLayer(seed, [{ name: `app/${path.basename(repo)}-${i}.bin`, content: ownSize }])];
      if (rnd() < 0.4) own.push(await makeLayer(seed + 50_000, [{ name: `app/config-${i}.json`, content: Buffer.from(JSON.stringify({ repo, i })) }]));
      const version = `${1 + Math.floor(r / 10)}.${count - i}.${Math.floor(rnd() * 10)}`;
      const tags = [];
      // The newest of a repository carries latest and its versions; older ones a version or nothing.
      if (newest) tags.push('latest', version, version.split('.').slice(0, 2).join('.'));
      else if (rnd() < 0.85) tags.push(version);
      if (repo === BIG_REPO && newest) tags.push(BIG_TAG);
      if (rnd() < 0.15) tags.push(`sha-${createHash('sha1').update(`${repo}${i}`).digest('hex').slice(0, 12)}`);
      if (rnd() < 0.1) tags.push(`feature-${pick(['checkout-redesign', 'after-refactor-of-the-payment-flow', 'hotfix-2291', 'stable'])}`);
      const labels = {
        [REALISTIC_LABEL]: '1',
        'org.opencontainers.image.source': `https://git.example.com/${repo.split('/').slice(-2).join('/')}`,
        'com.example.team': pick(['payments', 'identity', 'growth', 'platform', 'data']),
      };
      if (rnd() < 0.2) labels['com.example.very.long.label.key.that.describes.the.deployment.environment.and.region'] = pick(['prod-cn-east-1', 'staging-eu-west-2']);
      if (rnd() < 0.3) labels.maintainer = 'Platform Team <platform-team@example.com>';
      const created = EPOCH - Math.floor((i * 20 + rnd() * 15) * DAY) - Math.floor(rnd() * DAY);
      images.push({ repo, tags: tags.map((t) => `${repo}:${t}`), base, own, labels, created });
    }
  }
  return images;
}

function configOf(image) {
  const layers = [...image.base.layers, ...image.own];
  const iso = (s) => new Date(s * 1000).toISOString();
  const history = [
    ...image.base.layers.map((l, i) => ({ created: iso(image.created - 400 * DAY), created_by: `/bin/sh -c #(nop) ADD file:${l.diffId.slice(7, 71)} in / ${i ? '' : '# ' + image.base.name}`.trim() })),
    { created: iso(image.created - 60), created_by: '/bin/sh -c #(nop) WORKDIR /app', empty_layer: true },
    ...image.own.map((l, i) => ({ created: iso(image.created - 30 + i), created_by: i === 0 ? `/bin/sh -c #(nop) COPY file:${l.diffId.slice(7, 71)} in /app/` : '/bin/sh -c #(nop) COPY file:config in /app/config.json' })),
    { created: iso(image.created), created_by: '/bin/sh -c #(nop)  CMD ["/app/start"]', empty_layer: true },
  ];
  return Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created: iso(image.created),
      config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: ['/app/start'], WorkingDir: '/app', Labels: image.labels },
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
      history,
    }),
  );
}


/**
 * Builds with the classic builder leave parent chains and WORKDIR layers, as users' own builds do. The
 * label comes first, so the intermediate images carry it too and a prune by label takes them along.
 */
const BUILDS = [
  { tag: 'realistic/built-api:2.3.1', steps: ['WORKDIR /srv', 'RUN echo api > /srv/api.txt', 'ENV MODE=production', 'EXPOSE 8080'] },
  { tag: 'realistic/built-worker:1.0.0', steps: ['WORKDIR /work', 'COPY busybox /work/tool', 'RUN echo worker > /work/w.txt', 'USER root'] },
  { tag: 'realistic/built-cron:0.9.4', steps: ['RUN mkdir -p /etc/cron.d && echo "* * * * * true" > /etc/cron.d/job', 'LABEL com.example.team=platform'] },
];
const KEEP_RUNNING = `trap "exit 0" TERM; while :; do sleep 1; done`;
const CONTAINERS = [
  { name: `${CONTAINER_PREFIX}api-1`, image: 'realistic/built-api:2.3.1', run: true },
  { name: `${CONTAINER_PREFIX}worker`, image: 'realistic/built-worker:1.0.0', run: true },
  { name: `${CONTAINER_PREFIX}cron-last-run`, image: 'realistic/built-cron:0.9.4', run: false },
  { name: `${CONTAINER_PREFIX}api-migrate-2026-10-30`, image: 'realistic/built-api:2.3.1', run: false },
  { name: `${CONTAINER_PREFIX}storefront-debug`, image: 'realistic/built-worker:1.0.0', run: false },
];

/** Everything there already: every tag, and as many labelled images (IDs differ between the stores). */
function present(docker, images) {
  const list = (format) => docker(['images', '-a', '--filter', `label=${REALISTIC_LABEL}=1`, '--format', format]).split('\n').filter(Boolean);
  const tags = new Set(list('{{.Repository}}:{{.Tag}}'));
  const wanted = [...images.flatMap((i) => i.tags), ...BUILDS.map((b) => b.tag)];
  return wanted.every((t) => tags.has(t)) && new Set(list('{{.ID}}')).size >= images.length + BUILDS.length;
}

/** Loads the set onto one engine unless it is all there already; returns what it did. */
export async function addRealistic(engine) {
  const docker = dockerFor(engine);
  const t0 = Date.now();
  const images = await describeSet();
  if (present(docker, images)) return { loaded: false, images: images.length + BUILDS.length, ms: Date.now() - t0 };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-realistic-'));
  try {
    const file = path.join(dir, 'set.tar');
    await writeDockerArchive(file, images.map((i) => ({ config: configOf(i), layers: [...i.base.layers, ...i.own], tags: i.tags })));
    docker(['load', '-q', '-i', file]);
    fs.copyFileSync('/bin/busybox', path.join(dir, 'busybox'));
    for (const b of BUILDS) {
      fs.writeFileSync(path.join(dir, 'Dockerfile'), [`FROM ${FIXTURES.base}`, `LABEL ${REALISTIC_LABEL}=1`, ...b.steps].join('\n') + '\n');
      docker(['build', '-q', '--force-rm', '--network', 'none', '-t', b.tag, dir]);
    }
    for (const c of CONTAINERS) {
      docker(['rm', '-f', c.name], { allowFail: true });
      if (c.run) docker(['run', '-d', '--name', c.name, '--network', 'none', '--label', `${REALISTIC_LABEL}=1`, c.image, 'sh', '-c', KEEP_RUNNING]);
      else docker(['create', '--name', c.name, '--network', 'none', '--label', `${REALISTIC_LABEL}=1`, c.image]);
    }
    return { loaded: true, images: images.length + BUILDS.length, ms: Date.now() - t0 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Takes the set off one engine again: its containers, then its images in one prune — on the containerd
 * store each `docker rmi` runs its own synchronous garbage collection (~1.4 s an image here), a prune
 * one for all of them (126 images in 6 s).
 */
export function removeRealistic(engine) {
  const docker = dockerFor(engine);
  const containers = docker(['ps', '-a', '-q', '--filter', `label=${REALISTIC_LABEL}=1`]).split('\n').filter(Boolean);
  if (containers.length > 0) docker(['rm', '-f', ...containers]);
  docker(['image', 'prune', '-a', '-f', '--filter', `label=${REALISTIC_LABEL}=1`]);
  const left = [...new Set(docker(['images', '-a', '-q', '--no-trunc', '--filter', `label=${REALISTIC_LABEL}=1`]).split('\n').filter(Boolean))];
  if (left.length > 0) docker(['rmi', '-f', ...left], { allowFail: true });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [cmd, only] = process.argv.slice(2);
  const env = readTestEnv();
  if (!env) {
    console.error('no test environment: run `node scripts/test-engine.mjs start` first');
    process.exit(1);
  }
  // No top-level await: the e2e specs import this module through require().
  const run = async () => {
    for (const engine of Object.values(env.engines).filter((e) => !only || e.name === only)) {
      if (cmd === 'add') {
        const r = await addRealistic(engine);
        console.log(`realistic: ${engine.label}: ${r.loaded ? 'loaded' : 'already there:'} ${r.images} images in ${r.ms} ms`);
      } else if (cmd === 'remove') {
        removeRealistic(engine);
        console.log(`realistic: ${engine.label}: removed`);
      } else {
        throw new Error('usage: node scripts/test-env/realistic.mjs add|remove [containerd|legacy]');
      }
    }
  };
  run().catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
