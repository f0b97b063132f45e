import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../scripts/test-env/fixture-names.mjs';
import type { EngineChange } from '../../../shared/engine-types';
import type { Backend } from '../backend';
import { backendFor, connected, dockerCli, nextEvent } from '../test-support/backend-harness';
import { forEachEngine } from '../test-support/engine-suite';

forEachEngine((engine) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = backendFor(engine, { throttleMs: 100 });
    await connected(backend);
    // Let the event stream open before anything happens that it must see.
    await new Promise((r) => setTimeout(r, 300));
  });
  afterAll(() => backend.dispose());

  describe('engine events', () => {
    it('reports a tag made outside Stevedore as an images change within a second', async () => {
      const tag = `events/test:${randomBytes(4).toString('hex')}`;
      const seen = nextEvent(backend, 'engine.changed', (c) => c.kinds.includes('images') && c.actions.includes('image:tag'), 5000);
      const started = Date.now();
      dockerCli(engine, 'tag', FIXTURES.base, tag);
      await seen;
      expect(Date.now() - started).toBeLessThan(1000);
      dockerCli(engine, 'rmi', tag);
    });

    it('opens one stream at start-up: each engine event is reported once, and the start is no "reconnect"', async () => {
      const fresh = backendFor(engine, { throttleMs: 50 });
      const notices: EngineChange[] = [];
      const unsubscribe = fresh.subscribe((name, payload) => {
        if (name === 'engine.changed') notices.push(payload as EngineChange);
      });
      await connected(fresh);
      await new Promise((r) => setTimeout(r, 500));
      const tag = `events/once:${randomBytes(4).toString('hex')}`;
      dockerCli(engine, 'tag', FIXTURES.base, tag);
      await new Promise((r) => setTimeout(r, 500));
      unsubscribe();
      fresh.dispose();
      dockerCli(engine, 'rmi', tag);
      expect(notices.filter((n) => n.resync)).toEqual([]);
      expect(notices.flatMap((n) => n.actions).filter((a) => a === 'image:tag')).toHaveLength(1);
    });

    it('names the image a tag was put on, so a window can re-read just that row', async () => {
      const tag = `events/named:${randomBytes(4).toString('hex')}`;
      const id = dockerCli(engine, 'image', 'inspect', '--format', '{{.Id}}', FIXTURES.base);
      const seen = nextEvent(backend, 'engine.changed', (c) => c.actions.includes('image:tag'), 5000);
      dockerCli(engine, 'tag', FIXTURES.base, tag);
      try {
        expect((await seen).imageRefs).toContain(id);
      } finally {
        dockerCli(engine, 'rmi', tag);
      }
    });

    it('folds a burst of changes into few notices (throttled)', async () => {
      const repo = `events/burst-${randomBytes(3).toString('hex')}`;
      const notices: number[] = [];
      const unsubscribe = backend.subscribe((name, payload) => {
        if (name === 'engine.changed') notices.push((payload as { actions: string[] }).actions.length);
      });
      for (let i = 0; i < 20; i++) dockerCli(engine, 'tag', FIXTURES.base, `${repo}:${i}`);
      await new Promise((r) => setTimeout(r, 400));
      unsubscribe();
      for (let i = 0; i < 20; i++) dockerCli(engine, 'rmi', `${repo}:${i}`);
      const total = notices.reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThanOrEqual(20);
      expect(notices.length).toBeLessThan(20);
    });

    it('reconnects after the stream drops, asks for a full refetch, and keeps reporting', async () => {
      const resync = nextEvent(backend, 'engine.changed', (c) => c.resync, 5000);
      backend.events.dropForTest();
      await resync;
      const tag = `events/after-drop:${randomBytes(4).toString('hex')}`;
      const seen = nextEvent(backend, 'engine.changed', (c) => c.actions.includes('image:tag'), 5000);
      dockerCli(engine, 'tag', FIXTURES.base, tag);
      await seen;
      dockerCli(engine, 'rmi', tag);
    });
  });
});
