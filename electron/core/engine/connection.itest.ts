import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../../shared/engine-types';
import type { ImageSummary } from '../../../shared/image-types';
import { createBackend, type Backend } from '../backend';
import { MAX_API_VERSION } from './connection';
import { nextEvent, valueOf } from '../test-support/backend-harness';
import { engineStatusAsNobody } from '../test-support/probe-as-user';
import { forEachEngine } from '../test-support/engine-suite';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function tempSocketPath(): string {
  const dir = mkdtempSync('/tmp/sd-sock-');
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'engine.sock');
}

function backendAt(dockerHost: string): Backend {
  const backend = createBackend({ dockerHost, retryMs: 300, prefetchList: false });
  cleanups.push(() => backend.dispose());
  return backend;
}

/** A unix socket that forwards to the real engine: the engine "comes back" at that path. */
/** A socket that forwards to the engine; `goAway()` stops it as a dying engine would, open connections and all. */
function forwardTo(target: string, path: string): Promise<Server & { goAway(): void }> {
  const open = new Set<{ destroy(): void }>();
  const server = createServer((client) => {
    const upstream = createConnection(target);
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    open.add({ destroy: close });
    client.on('error', close);
    upstream.on('error', close);
  });
  cleanups.push(() => server.close());
  const goAway = () => {
    server.close();
    for (const connection of open) connection.destroy();
  };
  return new Promise((resolve) => server.listen(path, () => resolve(Object.assign(server, { goAway }))));
}

/** What each test engine speaks: 20.10 → 1.41, 26.1 → 1.45, both below what we were written for. */
const API_VERSIONS = { legacy: '1.41', containerd: '1.45' } as const;

forEachEngine((engine) => {
  describe('engine connection', () => {
    it('negotiates the API version down to what the engine speaks', async () => {
      const backend = backendAt(engine.dockerHost);
      const status = valueOf<EngineStatus>(await backend.call('engine.retry', {}));
      expect(status).toMatchObject({ state: 'connected', host: engine.dockerHost, hostSource: 'option' });
      expect(status.apiVersion).toBe(API_VERSIONS[engine.name]);
      // Which image store decides what sizes mean and how removal behaves.
      expect(status.store).toEqual(engine.name === 'containerd' ? { kind: 'containerd', driver: 'overlayfs' } : { kind: 'legacy', driver: 'overlay2' });
      expect(Number(status.apiVersion!.split('.')[1])).toBeLessThanOrEqual(Number(MAX_API_VERSION.split('.')[1]));
    });

    it('says the engine is unreachable, with the host and a fix, when nothing listens', async () => {
      const host = `unix://${tempSocketPath()}`;
      const backend = backendAt(host);
      const status = valueOf<EngineStatus>(await backend.call('engine.retry', {}));
      expect(status).toMatchObject({ state: 'unreachable', host });
      expect(status.retryInMs).toBeGreaterThan(0);
      const outcome = await backend.call('images.list', {});
      expect(outcome).toMatchObject({ ok: false, error: { code: 'ENGINE_UNREACHABLE' } });
      expect(!outcome.ok && outcome.error.hint).toMatch(/start docker|DOCKER_HOST/i);
    });

    it('says the socket is not permitted, and how to fix it, for a user outside the docker group', async () => {
      const path = tempSocketPath();
      chmodSync(dirname(path), 0o755);
      await forwardTo(engine.socketPath, path);
      chmodSync(path, 0o600); // root-only, like /var/run/docker.sock for a user not in the docker group
      const status = engineStatusAsNobody(`unix://${path}`);
      expect(status).toMatchObject({ state: 'permission-denied', host: `unix://${path}` });
      expect(status.detail).toMatch(/EACCES/);
    });

    it('recovers on its own, without a restart, when the engine appears', async () => {
      const path = tempSocketPath();
      const backend = backendAt(`unix://${path}`);
      expect(valueOf<EngineStatus>(await backend.call('engine.retry', {})).state).toBe('unreachable');
      const back = nextEvent(backend, 'engine.status', (s) => s.state === 'connected', 5000);
      await forwardTo(engine.socketPath, path);
      await back;
      const images = valueOf<ImageSummary[]>(await backend.call('images.list', {}));
      expect(images.length).toBeGreaterThan(0);
    });

    it('notices when a connected engine goes away and reports it as unreachable', async () => {
      const path = tempSocketPath();
      const server = await forwardTo(engine.socketPath, path);
      const backend = backendAt(`unix://${path}`);
      expect(valueOf<EngineStatus>(await backend.call('engine.retry', {})).state).toBe('connected');
      const gone = nextEvent(backend, 'engine.status', (s) => s.state === 'unreachable', 5000);
      // Idle keep-alive connections and the event stream go too, as when dockerd stops.
      server.goAway();
      await backend.call('images.list', {});
      await gone;
    });

    it('reports an unusable DOCKER_HOST as the reason it cannot connect, naming the accepted forms', async () => {
      const backend = backendAt('ftp://nowhere');
      const status = valueOf<EngineStatus>(await backend.call('engine.retry', {}));
      expect(status).toMatchObject({ state: 'unreachable', host: 'ftp://nowhere' });
      expect(status.detail).toMatch(/not supported.*unix:\/\/.*tcp:\/\//);
    });
  });
});
