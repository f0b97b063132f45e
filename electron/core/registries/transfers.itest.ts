import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../scripts/test-env/fixture-names.mjs';
import type { JobUpdate } from '../../../shared/job-types';
import type { PullResult, PushResult, RegistryLogins, TransferProgress } from '../../../shared/registry-types';
import type { CallOutcome } from '../../../shared/transport';
import type { Backend } from '../backend';
import { backendFor, connected, dockerCli, nextEvent, valueOf } from '../test-support/backend-harness';
import { buildImage } from '../test-support/build-image';
import { forEachEngine } from '../test-support/engine-suite';
import { testEnv } from '../test-support/test-env';

/** Every file under a folder, read whole: to prove a secret is in none of them. */
function everyFileText(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile())
    .map((f) => readFileSync(f, 'latin1'))
    .join('\n');
}

forEachEngine((engine) => {
  const { registry } = testEnv();
  let backend: Backend;
  let config: string;
  /** Everything the backend sent to any window during these tests. */
  const sent: string[] = [];
  const repo = `${registry.address}/sd-transfer/${engine.name}`;

  beforeAll(async () => {
    // A config dir of its own: no login the CLI made for the fixtures is known here.
    config = mkdtempSync('/tmp/sd-creds-');
    backend = backendFor(engine, { dockerConfig: config });
    backend.subscribe((event, payload) => sent.push(`${event} ${JSON.stringify(payload)}`));
    await connected(backend);
  });
  afterAll(() => {
    backend.dispose();
    rmSync(config, { recursive: true, force: true });
    for (const name of [`${repo}:1`, `${repo}:big`]) {
      try {
        dockerCli(engine, 'rmi', '-f', name);
      } catch {
        // Already gone.
      }
    }
  });

  async function runJob(name: string, args: unknown, timeoutMs = 60_000): Promise<JobUpdate> {
    const { jobId } = valueOf<{ jobId: string }>(await backend.call(name, args));
    return nextEvent(backend, 'job.update', (u) => u.jobId === jobId && u.state !== 'running', timeoutMs);
  }
  const imageId = (ref: string) => dockerCli(engine, 'image', 'inspect', '-f', '{{.Id}}', ref);
  const hasImage = (ref: string) => dockerCli(engine, 'images', '-q', ref) !== '';

  describe('login, push and pull against a registry with a password', () => {
    it('refuses a wrong password with AUTH and keeps nothing; a push without a login is refused the same way', async () => {
      const wrong: CallOutcome = await backend.call('registries.login', { registry: registry.address, username: registry.username, password: 'not-the-password' });
      expect(wrong.ok).toBe(false);
      if (!wrong.ok) expect(wrong.error.code).toBe('AUTH');
      expect(valueOf<RegistryLogins>(await backend.call('registries.logins', {})).logins).toEqual([]);

      dockerCli(engine, 'tag', FIXTURES.base, `${repo}:1`);
      const end = await runJob('images.push', { ref: `${repo}:1` });
      expect(end.state).toBe('failed');
      expect(end.error?.code).toBe('AUTH');
      expect(end.error?.message).toContain(registry.address);
    });

    it('logs in with the right password, pushes with per-layer progress and answers the digest the registry holds', async () => {
      const login = valueOf<{ registry: string; username: string; source: string }>(
        await backend.call('registries.login', { registry: registry.address, username: registry.username, password: registry.password }),
      );
      expect(login).toMatchObject({ registry: registry.address, username: registry.username, source: 'session' });
      const progress: TransferProgress[] = [];
      const stop = backend.subscribe((event, payload) => {
        if (event === 'job.update' && (payload as JobUpdate).name === 'images.push' && (payload as JobUpdate).progress) progress.push((payload as JobUpdate).progress as TransferProgress);
      });
      const end = await runJob('images.push', { ref: `${repo}:1` });
      stop();
      expect(end.state, JSON.stringify(end.error)).toBe('done');
      expect(end.title).toBe(`docker push ${repo}:1`);
      const result = end.result as PushResult;
      expect(result.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
      expect(result.user).toBe(registry.username);
      expect(progress.at(-1)!.layers.length).toBeGreaterThan(0);
      // The registry serves that very digest for the tag.
      const auth = Buffer.from(`${registry.username}:${registry.password}`).toString('base64');
      const head = await fetch(`http://${registry.address}/v2/sd-transfer/${engine.name}/manifests/1`, {
        method: 'HEAD',
        headers: { authorization: `Basic ${auth}`, accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json' },
      });
      expect(head.headers.get('docker-content-digest')).toBe(result.digest);
    });

    it('pulls it back after the local copy is removed: the same image ID, named as pushed', async () => {
      const before = imageId(`${repo}:1`);
      dockerCli(engine, 'rmi', `${repo}:1`);
      expect(hasImage(`${repo}:1`)).toBe(false);
      const end = await runJob('images.pull', { ref: `${repo}:1`, platform: null });
      expect(end.state, JSON.stringify(end.error)).toBe('done');
      const result = end.result as PullResult;
      expect(result).toMatchObject({ reference: `${repo}:1`, imageId: before, user: registry.username });
      expect(imageId(`${repo}:1`)).toBe(before);
    });

    it('says NOT_FOUND for a tag the registry does not have, naming it', async () => {
      const end = await runJob('images.pull', { ref: `${repo}:no-such-tag`, platform: null });
      expect(end.state).toBe('failed');
      expect(end.error?.code).toBe('NOT_FOUND');
      expect(end.error?.message).toContain(`${repo}:no-such-tag`);
    });

    it('says NETWORK for a registry nobody answers at, within seconds, with the engine\u2019s words kept', async () => {
      const started = Date.now();
      const end = await runJob('images.pull', { ref: '127.0.0.1:9/nobody/home:1', platform: null }, 45_000);
      expect(end.state).toBe('failed');
      expect(end.error?.code).toBe('NETWORK');
      expect(end.error?.detail).toMatch(/refused|dial/i);
      expect(Date.now() - started).toBeLessThan(30_000);
    });

    it('cancels a pull in the middle: the job says cancelled and the engine has no image by that name', async () => {
      buildImage(engine, `${repo}:big`, [`FROM ${FIXTURES.base}`, 'RUN head -c 200000000 /dev/urandom > /big']);
      dockerCli(engine, 'push', `${repo}:big`);
      dockerCli(engine, 'rmi', `${repo}:big`);
      const { jobId } = valueOf<{ jobId: string }>(await backend.call('images.pull', { ref: `${repo}:big`, platform: null }));
      await nextEvent(backend, 'job.update', (u) => u.jobId === jobId && ((u.progress as TransferProgress | undefined)?.bytes ?? 0) > 0, 60_000);
      const ended = nextEvent(backend, 'job.update', (u) => u.jobId === jobId && u.state !== 'running', 60_000);
      await backend.call('jobs.cancel', { jobId });
      expect((await ended).state).toBe('cancelled');
      // The engine finishes its side of an aborted pull on its own time: nothing is named meanwhile or after.
      await new Promise((r) => setTimeout(r, 1500));
      expect(hasImage(`${repo}:big`)).toBe(false);
    });

    it('never lets the password out: not in any event, job payload or error, nor in any file of the config dir', async () => {
      const everything = sent.join('\n');
      expect(everything).toContain('images.push');
      expect(everything).not.toContain(registry.password);
      expect(everyFileText(config)).not.toContain(registry.password);
    });

    it('says in one line that Docker Hub cannot be searched offline, within seconds and without a stack trace', async () => {
      const started = Date.now();
      const outcome: CallOutcome = await backend.call('registries.searchHub', { term: 'nginx' });
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(['NETWORK', 'TIMEOUT']).toContain(outcome.error.code);
      expect(outcome.error.message).toBe('Docker Hub cannot be reached from the engine, so it cannot be searched.');
      expect(outcome.error.hint).toMatch(/mirror.*tar file/);
      expect(outcome.error.message).not.toMatch(/\n|at /);
      expect(Date.now() - started).toBeLessThan(15_000);
    });

    it('forgets the login on logout', async () => {
      expect(valueOf<{ removed: boolean }>(await backend.call('registries.logout', { registry: registry.address })).removed).toBe(true);
      expect(valueOf<RegistryLogins>(await backend.call('registries.logins', {})).logins).toEqual([]);
      const end = await runJob('images.push', { ref: `${repo}:1` });
      expect(end.error?.code).toBe('AUTH');
    });
  });
});
