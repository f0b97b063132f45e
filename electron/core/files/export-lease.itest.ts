import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../scripts/test-env/fixture-names.mjs';
import type { ByteProgress } from '../../../shared/archive-types';
import type { JobUpdate } from '../../../shared/job-types';
import type { Backend } from '../backend';
import { backendFor, connected, dockerCli, nextEvent, removeImagesDeep, valueOf } from '../test-support/backend-harness';
import { buildImage } from '../test-support/build-image';
import { contentDigestsOf, leasesOf } from '../test-support/containerd-ctr';
import { forEachEngine } from '../test-support/engine-suite';

forEachEngine((engine) => {
  // Only the containerd store keeps an export's content under a lease; the legacy store has none.
  const containerd = engine.name === 'containerd';
  const leases = () => leasesOf(engine);
  const content = () => contentDigestsOf(engine);

  let backend: Backend;
  let dir: string;
  const ref = 'export-lease/big:1';
  beforeAll(async () => {
    backend = backendFor(engine);
    await connected(backend);
    dir = mkdtempSync('/tmp/sd-lease-');
  });
  afterAll(() => {
    backend.dispose();
    rmSync(dir, { recursive: true, force: true });
    removeImagesDeep(engine, dockerCli(engine, 'images', '-q', '--no-trunc', ref).split('\n').filter(Boolean));
  });

  async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > end) throw new Error(`still not true after ${timeoutMs} ms: ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  describe('an export given up part way', () => {
    it.skipIf(!containerd)('leaves no lease behind, so removing the image frees its content', async () => {
      buildImage(engine, ref, [`FROM ${FIXTURES.base}`, `LABEL export-lease="${Date.now()}"`, 'RUN head -c 40000000 /dev/urandom > /big']);
      const id = dockerCli(engine, 'image', 'inspect', '-f', '{{.Id}}', ref);
      const before = leases();

      const { jobId } = valueOf<{ jobId: string }>(await backend.call('images.save', { refs: [ref], path: join(dir, 'given-up.tar') }));
      // Under way, with bytes written, when it is cancelled.
      await nextEvent(backend, 'job.update', (u) => u.jobId === jobId && ((u.progress as ByteProgress | undefined)?.bytes ?? 0) > 1_000_000, 30_000);
      await backend.call('jobs.cancel', { jobId });
      const end: JobUpdate = await nextEvent(backend, 'job.update', (u) => u.jobId === jobId && u.state !== 'running', 30_000);
      expect(end.state).toBe('cancelled');

      // The engine finishes the export it was asked for and lets go of what it held.
      await until('the export lease is deleted', () => leases().length <= before.length);
      dockerCli(engine, 'rmi', ref);
      await until('the image content is gone from the store', () => !content().includes(id));
    }, 90_000);
  });
});
