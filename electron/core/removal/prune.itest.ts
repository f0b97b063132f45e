import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtures } from '../../scripts/fixtures.mjs';
import { FIXTURES } from '../../scripts/test-env/fixture-names.mjs';
import type { Backend } from './backend';
import { planPrune, prune } from './prune';
import { backendForTestEngine, connected, dockerCli } from './test-support/backend-harness';
import { buildImage } from './test-support/build-image';
import { testEnv } from './test-support/test-env';

let backend: Backend;
let docker: Docker;
beforeAll(async () => {
  backend = backendForTestEngine();
  await connected(backend);
  docker = await backend.engine.client();
});
afterAll(async () => {
  backend.dispose();
  // Pruning took the shared fixtures' dangling image too: put the fixtures back for the suites after us.
  await buildFixtures(testEnv());
});

const from = `FROM ${FIXTURES.base}`;

describe('prune preview equals what the engine deletes', () => {
  it('dangling only: a unique 3 MB layer is freed, a dangling image whose layers a tagged image uses frees nothing', async () => {
    const unique = buildImage('prune1/x:1', [from, 'LABEL stevedore.test=prune1', 'RUN head -c 3000000 /dev/urandom > /blob3m']);
    buildImage('prune1/x:1', [from, 'LABEL stevedore.test=prune1', 'RUN echo replaced > /r']);
    buildImage('prune1/y:1', [from, 'RUN head -c 1000000 /dev/urandom > /blob1m']);
    const sharing = buildImage('prune1/y:2', ['FROM prune1/y:1', 'LABEL stevedore.test=metadata-only']);
    buildImage('prune1/y:2', ['FROM prune1/y:1', 'LABEL stevedore.test=other']);

    const preview = await planPrune(docker, { all: false });
    expect(preview.command).toBe('docker image prune');
    const uniqueEntry = preview.images.find((i) => i.id === unique);
    const sharingEntry = preview.images.find((i) => i.id === sharing);
    expect(uniqueEntry?.freedBytes).toBe(3_000_000);
    expect(sharingEntry?.freedBytes).toBe(0);
    expect(preview.images.some((i) => i.tags.some((t) => t.startsWith('prune1/y:1')))).toBe(false);

    const result = await prune(docker, { all: false }, null);
    expect(result.differences).toEqual([]);
    expect(new Set(result.deletedImageIds)).toEqual(new Set(preview.images.map((i) => i.id)));
    expect(result.spaceReclaimed).toBe(preview.totalBytes);
    expect(preview.totalBytes).toBeGreaterThanOrEqual(3_000_000);
    expect(dockerCli('images', '-q', 'prune1/y:1')).not.toBe('');
  });

  it('all unused, by label: shared parent layers stay with the kept child, a container keeps its image (minus the extra tag)', async () => {
    const label = 'LABEL stevedore.test=prune2';
    const parent = buildImage('prune2/p:1', [from, label, 'RUN head -c 1000000 /dev/urandom > /p']);
    const child = buildImage('prune2/q:1', ['FROM prune2/p:1', 'RUN head -c 500000 /dev/urandom > /q']);
    const kept = buildImage('prune2/k:1', ['FROM prune2/p:1', 'LABEL stevedore.test=keep']);
    const used = buildImage('prune2/u:1', [from, label, 'RUN echo used > /u']);
    dockerCli('tag', 'prune2/u:1', 'prune2/u:2');
    try {
      dockerCli('rm', '-f', 'prune2-user');
    } catch {
      // Not there from an earlier run: nothing to clean.
    }
    dockerCli('create', '--name', 'prune2-user', '--network', 'none', 'prune2/u:1');

    const filters = { all: true, labels: ['label=stevedore.test=prune2'] };
    const preview = await planPrune(docker, filters);
    expect(preview.command).toBe('docker image prune -a --filter label=stevedore.test=prune2');
    expect(preview.images.find((i) => i.id === child)?.freedBytes).toBe(500_000);
    // The parent loses its tag but stays: the kept image is built on it.
    expect(preview.images.some((i) => i.id === parent || i.id === kept || i.id === used)).toBe(false);
    expect(preview.untagOnly.map((u) => u.ref)).toContain('prune2/p:1');
    expect(preview.untagOnly.filter((u) => u.imageId === used)).toHaveLength(1);

    const result = await prune(docker, filters, preview.untilTimestamp);
    expect(result.differences).toEqual([]);
    expect(result.spaceReclaimed).toBe(preview.totalBytes);
    dockerCli('rm', 'prune2-user');
  });

  it('until: only images created before the cut-off go', async () => {
    const label = 'LABEL stevedore.test=prune3';
    const old = buildImage('prune3/old:1', [from, label, 'RUN echo old > /o']);
    await new Promise((r) => setTimeout(r, 2100));
    const cutoff = Math.floor(Date.now() / 1000) - 1;
    const fresh = buildImage('prune3/new:1', [from, label, 'RUN echo new > /n']);
    const filters = { all: true, until: String(cutoff), labels: ['label=stevedore.test=prune3'] };
    const preview = await planPrune(docker, filters);
    expect(preview.images.map((i) => i.id)).toContain(old);
    expect(preview.images.map((i) => i.id)).not.toContain(fresh);
    const result = await prune(docker, filters, preview.untilTimestamp);
    expect(result.differences).toEqual([]);
    expect(dockerCli('images', '-q', 'prune3/new:1')).not.toBe('');
    dockerCli('rmi', 'prune3/new:1');
  });
});

describe('previews on a warm cache', () => {
  it('give the same answer as a cold read, and forget images the engine no longer has', async () => {
    const { ImageFactsCache } = await import('./engine-snapshot');
    const cache = new ImageFactsCache();
    const id = buildImage('prune4/cache:1', [from, 'LABEL stevedore.test=prune4', 'RUN echo cached > /c']);
    const filters = { all: true, labels: ['label=stevedore.test=prune4'] };
    const cold = await planPrune(docker, filters, null, cache);
    const warm = await planPrune(docker, filters, null, cache);
    expect(warm).toEqual(cold);
    expect(cache.images.has(id)).toBe(true);
    dockerCli('rmi', 'prune4/cache:1');
    await planPrune(docker, filters, null, cache);
    expect(cache.images.has(id)).toBe(false);
  });
});
