import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../scripts/test-env/fixture-names.mjs';
import type { ImageDetails, ImageSummary } from '../../shared/image-types';
import type { ImageUsage, JobUpdate } from '../../shared/job-types';
import type { Backend } from './backend';
import { backendFor, connected, dockerCli, nextEvent, valueOf } from './test-support/backend-harness';
import { forEachEngine } from './test-support/engine-suite';

forEachEngine((engine) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = backendFor(engine);
    await connected(backend);
  });
  afterAll(() => backend.dispose());

  describe('jobs', () => {
    it('answers with a job id at once and delivers the disk-usage result as a job update', async () => {
      const { jobId } = valueOf<{ jobId: string }>(await backend.call('images.usage', {}));
      const done = await nextEvent(backend, 'job.update', (u) => u.jobId === jobId && u.state !== 'running');
      expect(done).toMatchObject({ state: 'done', name: 'images.usage', title: 'docker system df -v' });
      const usage = done.result as ImageUsage[];
      const base = valueOf<ImageDetails>(await backend.call('images.inspect', { ref: FIXTURES.base }));
      const child = valueOf<ImageDetails>(await backend.call('images.inspect', { ref: FIXTURES.child }));
      const baseUsage = usage.find((u) => u.id === base.id)!;
      const childUsage = usage.find((u) => u.id === child.id)!;
      const listed = valueOf<ImageSummary[]>(await backend.call('images.list', { all: true }));
      const listedSize = (id: string) => listed.find((i) => i.id === id)?.size;
      if (engine.name === 'legacy') {
        // The child is built on the base: the base's layers are shared, only the child's own layer is unique.
        expect(childUsage.sharedSize).toBe(base.size);
        expect(childUsage.uniqueSize).toBe(child.size - base.size);
        expect(baseUsage.uniqueSize).toBe(0);
      } else {
        // The containerd store's sizes are its content blobs plus unpacked snapshots, as the list shows
        // them; "shared" counts only the unpacked layers other images use, the same for base and child.
        expect(childUsage.size).toBe(listedSize(child.id));
        expect(baseUsage.size).toBe(listedSize(base.id));
        expect(childUsage.sharedSize).toBeGreaterThan(0);
        expect(childUsage.sharedSize).toBe(baseUsage.sharedSize);
        expect(childUsage.uniqueSize).toBe(childUsage.size - childUsage.sharedSize);
      }
      // Same accounting as `docker system df -v`.
      const cli = dockerCli(engine, 'system', 'df', '-v', '--format', '{{json .Images}}');
      expect(cli).toContain(child.id.slice(7, 19));
    });

    it('cancels a running job and reports it as cancelled, not failed', async () => {
      const { jobId } = valueOf<{ jobId: string }>(await backend.call('images.usage', {}));
      const cancelled = valueOf<{ cancelled: boolean }>(await backend.call('jobs.cancel', { jobId }));
      expect(cancelled.cancelled).toBe(true);
      const end = await nextEvent(backend, 'job.update', (u: JobUpdate) => u.jobId === jobId && u.state !== 'running');
      expect(end.state).toBe('cancelled');
      expect(end.error?.code).toBe('CANCELLED');
    });

    it('says cancelling an unknown job did nothing', async () => {
      expect(valueOf<{ cancelled: boolean }>(await backend.call('jobs.cancel', { jobId: randomUUID() }))).toEqual({ cancelled: false });
    });
  });
});
