import { describe, expect, it } from 'vitest';
import type { JobUpdate } from '../../shared/job-types';
import { JobManager, MAX_FINISHED_JOBS } from './jobs';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the job manager', () => {
  it('sends at most one progress update per interval, always the latest, and one terminal update', async () => {
    const jobs = new JobManager(50);
    const updates: JobUpdate[] = [];
    jobs.on('update', (u) => updates.push(u));
    let finish!: () => void;
    const jobId = jobs.start<number, string>('t', 'title', async (ctx) => {
      for (let i = 1; i <= 1000; i++) ctx.report(i);
      await new Promise<void>((r) => (finish = r));
      return 'ok';
    });
    await tick();
    await new Promise((r) => setTimeout(r, 80));
    finish();
    await tick();
    const progress = updates.filter((u) => u.state === 'running' && u.progress !== undefined);
    expect(progress.length).toBeLessThanOrEqual(2);
    expect(progress.at(-1)?.progress).toBe(1000);
    const ends = updates.filter((u) => u.state !== 'running');
    expect(ends).toEqual([expect.objectContaining({ jobId, state: 'done', result: 'ok', progress: 1000 })]);
  });

  it('reports a run that finished although Cancel came meanwhile as done, with its result', async () => {
    const jobs = new JobManager();
    let finish!: () => void;
    const jobId = jobs.start('t', 'title', async () => {
      await new Promise<void>((r) => (finish = r));
      return 'written';
    });
    await tick();
    jobs.cancel(jobId);
    finish();
    await tick();
    expect(jobs.list()).toEqual([expect.objectContaining({ jobId, state: 'done', result: 'written' })]);
  });

  it('lists finished jobs with their outcome until dismissed, and tells every listener what went', async () => {
    const jobs = new JobManager();
    const gone: string[][] = [];
    jobs.on('dismissed', (d) => gone.push(d.jobIds));
    const a = jobs.start('t', 'a', async () => 1);
    const b = jobs.start('t', 'b', async () => {
      throw new Error('boom');
    });
    await tick();
    await tick();
    expect(jobs.list().map((j) => [j.jobId, j.state])).toEqual(expect.arrayContaining([[a, 'done'], [b, 'failed']]));
    expect(jobs.dismiss([a])).toEqual([a]);
    expect(jobs.list().map((j) => j.jobId)).toEqual([b]);
    expect(jobs.dismiss('finished')).toEqual([b]);
    expect(gone).toEqual([[a], [b]]);
  });

  it('keeps a bounded number of finished jobs, announcing the ones that fall off', async () => {
    const jobs = new JobManager();
    const gone: string[] = [];
    jobs.on('dismissed', (d) => gone.push(...d.jobIds));
    const ids = Array.from({ length: MAX_FINISHED_JOBS + 3 }, () => jobs.start('t', 't', async () => null));
    for (let i = 0; i < 5; i++) await tick();
    expect(jobs.list()).toHaveLength(MAX_FINISHED_JOBS);
    expect(gone.sort()).toEqual(ids.slice(0, 3).sort());
  });

  it('never dismisses a running job: that is what cancel is for', async () => {
    const jobs = new JobManager();
    const id = jobs.start('t', 't', () => new Promise(() => undefined));
    await tick();
    expect(jobs.dismiss([id])).toEqual([]);
    expect(jobs.list()[0]).toMatchObject({ jobId: id, state: 'running' });
  });
});
