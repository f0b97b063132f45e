import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../scripts/test-env/fixture-names.mjs';
import type { DiskKind, DiskUsage } from '../../../shared/disk-types';
import { formatSize } from '../../../shared/format';
import type { ImageSummary } from '../../../shared/image-types';
import type { JobUpdate } from '../../../shared/job-types';
import type { Backend } from '../backend';
import { backendFor, connected, dockerCli, nextEvent, valueOf } from '../test-support/backend-harness';
import { forEachEngine } from '../test-support/engine-suite';

/** One line of `docker system df --format '{{json .}}'`. */
interface CliRow {
  Type: string;
  TotalCount: string;
  Active: string;
  Size: string;
  Reclaimable: string;
}

const CLI_TYPES: Record<DiskKind, string> = { images: 'Images', containers: 'Containers', volumes: 'Local Volumes', buildCache: 'Build Cache' };

/** RECLAIMABLE as the CLI prints it: go-units HumanSize (4 significant digits), then the floored percentage when SIZE > 0. */
const cliReclaimable = (size: number, reclaimable: number) => (size > 0 ? `${formatSize(reclaimable, 4)} (${Math.floor((reclaimable * 100) / size)}%)` : formatSize(reclaimable, 4));

forEachEngine((engine) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = backendFor(engine);
    await connected(backend);
  });
  afterAll(() => backend.dispose());

  async function runJob(name: string): Promise<JobUpdate> {
    const { jobId } = valueOf<{ jobId: string }>(await backend.call(name, {}));
    return nextEvent(backend, 'job.update', (u) => u.jobId === jobId && u.state !== 'running', 60_000);
  }

  const cliRows = () =>
    dockerCli(engine, 'system', 'df', '--format', '{{json .}}')
      .split('\n')
      .map((line) => JSON.parse(line) as CliRow);

  describe('disk usage (docker system df)', () => {
    it('gives every kind the TOTAL, ACTIVE, SIZE and RECLAIMABLE docker system df prints for the same engine', async () => {
      const before = cliRows();
      const end = await runJob('system.df');
      const after = cliRows();
      expect(end).toMatchObject({ state: 'done', name: 'system.df', title: 'docker system df' });
      const usage = end.result as DiskUsage;
      expect(usage.kinds.map((k) => k.kind)).toEqual(['images', 'containers', 'volumes', 'buildCache']);
      for (const row of usage.kinds) {
        const ours = { Type: CLI_TYPES[row.kind], TotalCount: String(row.total), Active: String(row.active), Size: formatSize(row.size, 4), Reclaimable: cliReclaimable(row.size, row.reclaimable) };
        // Nothing else runs on the private engine meanwhile; a container's writable layer could still
        // grow between two walks, so our answer must equal the CLI's before or after ours.
        const cli = [before, after].map((rows) => rows.find((r) => r.Type === ours.Type));
        expect(cli, `${ours.Type}: ours ${JSON.stringify(ours)}`).toContainEqual(ours);
        expect(row.reclaimable).toBeGreaterThanOrEqual(0);
        expect(row.reclaimable).toBeLessThanOrEqual(row.size);
        expect(row.active).toBeLessThanOrEqual(row.total);
      }
    });

    it('lists every image docker images lists, with its size and how many containers use it', async () => {
      const usage = (await runJob('system.df')).result as DiskUsage;
      const listed = dockerCli(engine, 'images', '--no-trunc', '--format', '{{.ID}}').split('\n');
      expect(new Set(usage.images.map((i) => i.id))).toEqual(new Set(listed));
      const used = usage.images.find((i) => i.repoTags.includes(FIXTURES.usedByContainer));
      expect(used?.containers).toBeGreaterThan(0);
      // Sizes are the list's (docker images SIZE); on the containerd store `inspect` counts differently.
      const list = valueOf<ImageSummary[]>(await backend.call('images.list', {}));
      const listedSize = new Map(list.map((i) => [i.id, i.size]));
      expect(usage.images.filter((i) => listedSize.get(i.id) !== i.size)).toEqual([]);
      // The images row's ACTIVE counts exactly the images with containers.
      expect(usage.images.filter((i) => i.containers > 0).length).toBe(usage.kinds[0]!.active);
    });

    it('shares one engine walk with images.usage: both asked at once both finish', async () => {
      const [a, b] = await Promise.all([runJob('system.df'), runJob('images.usage')]);
      expect([a.state, b.state]).toEqual(['done', 'done']);
    });

    it('is cancelled on request and reports it as cancelled', async () => {
      const { jobId } = valueOf<{ jobId: string }>(await backend.call('system.df', {}));
      expect(valueOf<{ cancelled: boolean }>(await backend.call('jobs.cancel', { jobId })).cancelled).toBe(true);
      const end = await nextEvent(backend, 'job.update', (u) => u.jobId === jobId && u.state !== 'running');
      expect(end.state).toBe('cancelled');
    });
  });
});
