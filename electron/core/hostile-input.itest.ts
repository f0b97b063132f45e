import Docker from 'dockerode';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argsSchema, callNames } from '../../shared/contract';
import { ERROR_CODES } from '../../shared/errors';
import type { CallOutcome } from '../../shared/transport';
import { hostileJson, hostileString, nearMissArgs } from '../../shared/test-support/hostile-values';
import { FIXTURES } from '../../scripts/test-env/fixture-names.mjs';
import type { Backend } from './backend';
// The guard is what engine.ts loads first; this test proves it holds even for a name that got past validation.
import './engine/modem-guard';
import { backendFor, connected, dockerCli } from './test-support/backend-harness';
import { tripwire, watchConnections } from './test-support/connection-watch';
import { MUTATING_CALLS } from './test-support/hostile-calls';
import { testEnv } from './test-support/test-env';
import { forEachEngine } from './test-support/engine-suite';

forEachEngine((engine) => {
  let backend: Backend;
  let wire: Awaited<ReturnType<typeof tripwire>>;
  beforeAll(async () => {
    backend = backendFor(engine);
    await connected(backend);
    wire = await tripwire();
  });
  afterAll(async () => {
    backend.dispose();
    await wire.close();
  });

  /** Everything a user could lose: every image with its names, every container. */
  function engineState(): string {
    return [dockerCli(engine, 'images', '-a', '--no-trunc', '--digests', '--format', '{{.ID}} {{.Repository}}:{{.Tag}} {{.Digest}}'), dockerCli(engine, 'ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Image}} {{.State}}')]
      .map((s) => s.split('\n').sort().join('\n'))
      .join('\n--\n');
  }

  function expectWellFormedFailure(outcome: CallOutcome, code?: string): void {
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(ERROR_CODES).toContain(outcome.error.code);
    expect(outcome.error.message.length).toBeLessThan(2000);
    if (code) expect(outcome.error.code).toBe(code);
  }

  describe('names that once reached past the Docker socket (SSRF)', () => {
    const payloads = () => [`../../../../127.0.0.1:${wire.port}/x`, `..%2f..%2f..%2f..%2f127.0.0.1:${wire.port}%2fx`, `..%2F..%2F..%2F..%2F127.0.0.1:${wire.port}/x`, '../../../../127.0.0.1:1/x', '../../../../no-such-host.invalid/x'];

    it('are refused as INVALID_ARGUMENT by every method that names an image, and nothing connects anywhere but the engine', async () => {
      const watch = watchConnections();
      try {
        for (const ref of payloads()) {
          for (const [name, args] of [
            ['images.inspect', { ref }],
            ['images.history', { ref }],
            ['images.containers', { ref }],
            ['images.tag', { source: ref, target: 'stevedore-test/ssrf:1' }],
            ['images.remove', { targets: [ref] }],
            ['images.removalPlan', { selection: { kind: 'refs', refs: [ref] } }],
            ['images.removalPlan', { selection: { kind: 'since', ref } }],
            ['containers.remove', { id: ref }],
          ] as const) {
            expectWellFormedFailure(await backend.call(name, args), 'INVALID_ARGUMENT');
          }
        }
      } finally {
        watch.stop();
      }
      expect(wire.hits).toEqual([]);
      expect(watch.targets.filter((t) => !('path' in t) || t.path !== engine.socketPath)).toEqual([]);
    });

    it('non-ASCII references are INVALID_ARGUMENT that names the character, not INTERNAL', async () => {
      const outcome = await backend.call('images.inspect', { ref: '😀🐳' });
      expectWellFormedFailure(outcome, 'INVALID_ARGUMENT');
      expect(!outcome.ok && outcome.error.message).toMatch(/cannot appear in an image reference/);
    });

    it('a redirect from the engine is never followed, even for a name that skipped validation', async () => {
      const docker = new Docker({ socketPath: engine.socketPath });
      for (const name of [`../../../../127.0.0.1:${wire.port}/x`, '../../../../127.0.0.1:1/x', '../../../../no-such-host.invalid/x']) {
        await expect(docker.getImage(name).inspect()).rejects.toThrow(/redirect/i);
      }
      expect(wire.hits).toEqual([]);
    });

    it('names are percent-encoded on the way: a valid reference still finds its image', async () => {
      const outcome = await backend.call('images.inspect', { ref: FIXTURES.pushed(testEnv().registry.address) });
      expect(outcome.ok).toBe(true);
    });
  });

  describe('fuzz: every method of the contract, hostile arguments', () => {
    it('each call ends in an outcome with a known code; the engine keeps every image and container; no prototype is polluted; only the engine socket is dialled', async () => {
      const before = engineState();
      const counts = { calls: 0, refusedShape: 0, validReadOnly: 0, validMutatingNotSent: 0 };
      const watch = watchConnections();
      try {
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...callNames), fc.oneof(hostileJson, nearMissArgs), async (name, args) => {
            const valid = argsSchema(name).safeParse(args ?? {}).success;
            if (valid && MUTATING_CALLS.has(name)) {
              counts.validMutatingNotSent++;
              return;
            }
            counts.calls++;
            const outcome = await backend.call(name, args);
            if (!valid) {
              counts.refusedShape++;
              expectWellFormedFailure(outcome, 'INVALID_ARGUMENT');
            } else {
              counts.validReadOnly++;
              if (!outcome.ok) expect(outcome.error.code).not.toBe('INTERNAL');
            }
          }),
          { numRuns: 1500 },
        );
        // Names that are not strings, or whose String() throws or recurses without end.
        const deep: unknown[] = [];
        let cursor = deep;
        for (let i = 0; i < 50_000; i++) cursor.push((cursor = []));
        for (const name of [{ toString: 1 }, deep, null, 42, ['images.list'], Symbol('x'), () => 1]) {
          counts.calls++;
          expectWellFormedFailure(await backend.call(name, {}), 'INVALID_ARGUMENT');
        }
      } finally {
        watch.stop();
      }
      console.log(`contract fuzz: ${counts.calls} calls (${counts.refusedShape} refused as INVALID_ARGUMENT, ${counts.validReadOnly} valid read-only answered), ${counts.validMutatingNotSent} valid mutating calls generated and not sent`);
      expect(counts.refusedShape).toBeGreaterThan(1000);
      expect(Object.keys(Object.prototype)).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(watch.targets.filter((t) => !('path' in t) || t.path !== engine.socketPath)).toEqual([]);
      expect(wire.hits).toEqual([]);
      expect(engineState()).toBe(before);
      // And the backend still answers.
      expect((await backend.call('images.list', {})).ok).toBe(true);
    });

    it('hostile strings in every name field of every method are refused before any request is made', async () => {
      const watch = watchConnections();
      let n = 0;
      try {
        await fc.assert(
          fc.asyncProperty(hostileString, async (ref) => {
            if (argsSchema('images.inspect').safeParse({ ref }).success) return;
            n++;
            for (const [name, args] of [
              ['images.inspect', { ref }],
              ['images.history', { ref }],
              ['images.containers', { ref }],
              ['images.tag', { source: ref, target: 'x/y:1' }],
            ] as const) {
              expectWellFormedFailure(await backend.call(name, args), 'INVALID_ARGUMENT');
            }
          }),
          { numRuns: 800 },
        );
      } finally {
        watch.stop();
      }
      console.log(`name fuzz: ${n} hostile names × 4 methods refused`);
      expect(watch.targets).toEqual([]);
    });
  });
});
