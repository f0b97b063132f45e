import Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { testEngines } from '../../test-support/test-env';
import { ContainerdFactsCache } from './snapshot';

const engine = testEngines().find((e) => e.name === 'containerd');

describe.skipIf(!engine)('the containerd store’s content cache', () => {
  it('reads every listed image’s content in the background, so the first preview does not wait for it', async () => {
    const docker = new Docker({ socketPath: engine!.socketPath });
    const ids = [...new Set((await docker.listImages({ all: true })).map((i) => i.Id))];
    expect(ids.length).toBeGreaterThan(3);
    const cache = new ContainerdFactsCache();
    cache.warm(docker, ids);
    // Returns at once: the reading happens behind it.
    expect(ids.some((id) => !cache.has(id))).toBe(true);
    await expect.poll(() => ids.filter((id) => cache.has(id)).length, { timeout: 30_000, interval: 100 }).toBe(ids.length);
    expect(ids.every((id) => (cache.get(id)?.blobs.length ?? 0) > 0)).toBe(true);
  });

  it('gives a preview asked while it reads every image’s content, joining the reads under way', async () => {
    const docker = new Docker({ socketPath: engine!.socketPath });
    const ids = [...new Set((await docker.listImages({ all: true })).map((i) => i.Id))];
    const cache = new ContainerdFactsCache();
    cache.warm(docker, ids);
    await cache.ensure(docker, ids);
    expect(ids.every((id) => cache.has(id))).toBe(true);
  });
});
