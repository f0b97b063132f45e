import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../scripts/test-env/fixture-names.mjs';
import type { JobUpdate } from '../../../shared/job-types';
import type { MirrorCheck, MirrorSettings, PullResult } from '../../../shared/registry-types';
import type { Backend } from '../backend';
import { backendFor, connected, dockerCli, nextEvent, valueOf } from '../test-support/backend-harness';
import { forEachEngine } from '../test-support/engine-suite';
import { testEnv } from '../test-support/test-env';

forEachEngine((engine) => {
  const { hub, mirror } = testEnv();
  let backend: Backend;
  let settings: string;
  const made: string[] = [];

  beforeAll(async () => {
    settings = mkdtempSync('/tmp/sd-settings-');
    backend = backendFor(engine, { settingsDir: settings });
    await connected(backend);
  });
  afterAll(() => {
    backend.dispose();
    rmSync(settings, { recursive: true, force: true });
    for (const name of made) {
      try {
        dockerCli(engine, 'rmi', '-f', name);
      } catch {
        // Already gone.
      }
    }
  });

  async function pull(args: Record<string, unknown>): Promise<JobUpdate> {
    const { jobId } = valueOf<{ jobId: string }>(await backend.call('images.pull', { platform: null, ...args }));
    return nextEvent(backend, 'job.update', (u) => u.jobId === jobId && u.state !== 'running', 60_000);
  }
  /** Puts an image on the stand-in Docker Hub (or a prefix mirror) under `name`, and nowhere locally. */
  function publish(name: string): string {
    dockerCli(engine, 'tag', FIXTURES.base, name);
    dockerCli(engine, 'push', name);
    const id = dockerCli(engine, 'image', 'inspect', '-f', '{{.Id}}', name);
    dockerCli(engine, 'rmi', name);
    return id;
  }
  const names = (id: string) => dockerCli(engine, 'image', 'inspect', '-f', '{{json .RepoTags}}', id);

  describe('registry mirrors, offline', () => {
    it('shows the engine\u2019s own Docker Hub mirror and its insecure registries, as docker info has them', async () => {
      const { daemon } = valueOf<MirrorSettings>(await backend.call('registries.mirrors', {}));
      expect(daemon.mirrors.map((m) => m.replace(/\/$/, ''))).toContain(`http://${mirror!.address}`);
      expect(daemon.insecure).toContain('127.0.0.0/8');
    });

    it('pulls a Docker Hub name through the engine\u2019s mirror: named as on Docker Hub', async () => {
      const name = `sd-daemon-mirror-${engine.name}`;
      const id = publish(`${hub!.address}/library/${name}:1`);
      made.push(`${name}:1`);
      const end = await pull({ ref: `${name}:1` });
      expect(end.state, JSON.stringify(end.error)).toBe('done');
      expect(end.result as PullResult).toMatchObject({ reference: `docker.io/library/${name}:1`, familiar: `${name}:1`, via: null });
      // The registry serves the same manifest: the same image ID on the legacy store, the same
      // manifest digest (hence content) on both.
      expect(names(`${name}:1`)).toContain(`${name}:1`);
      if (engine.name === 'containerd') expect(dockerCli(engine, 'image', 'inspect', '-f', '{{.Id}}', `${name}:1`)).toBe(id);
    });

    it('remembers prefix mirrors, and tells a mirror that answers from one that does not', async () => {
      const prefixMirrors = [{ prefix: '127.0.0.1:9/docker.io' }, { prefix: `${hub!.address}/docker.io` }];
      const saved = valueOf<MirrorSettings>(await backend.call('registries.setPrefixMirrors', { prefixMirrors }));
      expect(saved.prefixMirrors).toEqual(prefixMirrors);
      expect(JSON.parse(readFileSync(join(settings, 'registries.json'), 'utf8')).prefixMirrors).toEqual(prefixMirrors);
      expect(valueOf<MirrorSettings>(await backend.call('registries.mirrors', {})).prefixMirrors).toEqual(prefixMirrors);
      const dead = valueOf<MirrorCheck>(await backend.call('registries.checkMirror', { mirror: prefixMirrors[0] }));
      expect(dead).toMatchObject({ ok: false, ms: null });
      // In words, not "fetch failed".
      expect(dead.error).toMatch(/refuses to connect/);
      const live = valueOf<MirrorCheck>(await backend.call('registries.checkMirror', { mirror: prefixMirrors[1] }));
      expect(live).toMatchObject({ ok: true, status: 200 });
      expect(live.ms).toBeGreaterThanOrEqual(0);
    });

    it('pulls through a prefix mirror after the first failed: the canonical name, the same image, no mirror name left', async () => {
      const name = `sd-prefix-mirror-${engine.name}`;
      const id = publish(`${hub!.address}/docker.io/library/${name}:1`);
      made.push(`${name}:1`);
      const via = [{ prefix: '127.0.0.1:9/docker.io' }, { prefix: `${hub!.address}/docker.io` }];
      const refused = await pull({ ref: `${name}:1`, via, fallback: false });
      expect(refused.state).toBe('failed');
      expect(refused.error?.code).toBe('NETWORK');
      expect(refused.error?.message).toContain('127.0.0.1:9/docker.io');

      const end = await pull({ ref: `${name}:1`, via, fallback: true });
      expect(end.state, JSON.stringify(end.error)).toBe('done');
      const result = end.result as PullResult;
      expect(result).toMatchObject({ familiar: `${name}:1`, via: `${hub!.address}/docker.io`, imageId: id });
      expect(result.attempts).toEqual([expect.objectContaining({ prefix: '127.0.0.1:9/docker.io', code: 'NETWORK' })]);
      expect(end.title).toBe(`docker pull 127.0.0.1:9/docker.io/library/${name}:1 && docker tag 127.0.0.1:9/docker.io/library/${name}:1 ${name}:1 && docker rmi 127.0.0.1:9/docker.io/library/${name}:1`);
      const tags = JSON.parse(names(id)) as string[];
      expect(tags).toContain(`${name}:1`);
      expect(tags.filter((t) => t.includes('/docker.io/'))).toEqual([]);
    });

    it('falls back to Docker Hub through the engine\u2019s mirror when every prefix mirror fails, and says a missing name is not the network\u2019s fault', async () => {
      const name = `sd-last-resort-${engine.name}`;
      publish(`${hub!.address}/library/${name}:1`);
      made.push(`${name}:1`);
      const end = await pull({ ref: `${name}:1`, via: [{ prefix: '127.0.0.1:9/docker.io' }], fallback: true });
      expect(end.state, JSON.stringify(end.error)).toBe('done');
      expect(end.result as PullResult).toMatchObject({ familiar: `${name}:1`, via: null, attempts: [expect.objectContaining({ prefix: '127.0.0.1:9/docker.io' })] });
      // A typo: the engine's mirror has no such name and Docker Hub is out of reach.
      const typo = await pull({ ref: `${name}-typo:1` });
      expect(typo.state).toBe('failed');
      expect(typo.error?.message).toBe(`The engine's mirror (http://${mirror!.address}/) did not serve ${name}-typo:1, and Docker Hub cannot be reached to ask it.`);
    });

    it('refuses a prefix mirror for a name that is not on Docker Hub, or a pull by digest, before asking anyone', async () => {
      const via = [{ prefix: `${hub!.address}/docker.io` }];
      const other = await pull({ ref: `${hub!.address}/team/app:1`, via });
      expect(other.error).toMatchObject({ code: 'INVALID_ARGUMENT' });
      const byDigest = await pull({ ref: `nginx@sha256:${'a'.repeat(64)}`, via });
      expect(byDigest.error).toMatchObject({ code: 'INVALID_ARGUMENT' });
    });
  });
});
