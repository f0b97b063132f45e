import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { BackendError } from '../../shared/errors';
import type { JobInfo, JobUpdate } from '../../shared/job-types';
import { toBackendError } from './engine/engine-errors';

export interface JobContext<P> {
  signal: AbortSignal;
  report(progress: P): void;
}

interface RunningJob {
  info: JobInfo;
  controller: AbortController;
}

/** Long work runs here, not in a request: the caller gets an id at once and follows job.update events. */
export class JobManager extends EventEmitter<{ update: [JobUpdate] }> {
  private readonly jobs = new Map<string, RunningJob>();
  /** Finished jobs stay listed briefly so a Tasks view opened late still sees the outcome. */
  private readonly finished: JobUpdate[] = [];

  start<P, R>(name: string, title: string, run: (ctx: JobContext<P>) => Promise<R>): string {
    const jobId = randomUUID();
    const controller = new AbortController();
    const info: JobInfo = { jobId, name, state: 'running', startedAt: Date.now(), title };
    this.jobs.set(jobId, { info, controller });
    this.emit('update', { ...info });
    const ctx: JobContext<P> = {
      signal: controller.signal,
      report: (progress) => {
        if (!controller.signal.aborted) this.emit('update', { ...info, progress });
      },
    };
    // Deferred so the caller receives the id before the first update can possibly arrive.
    setImmediate(() => {
      run(ctx).then(
        (result) => this.finish(jobId, controller.signal.aborted ? { state: 'cancelled' } : { state: 'done', result }),
        (err: unknown) => {
          const cancelled = controller.signal.aborted;
          const error = cancelled ? new BackendError('CANCELLED', `${title}: cancelled.`).toData() : toBackendError(err, title).toData();
          this.finish(jobId, { state: cancelled ? 'cancelled' : 'failed', error });
        },
      );
    });
    return jobId;
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job) return false;
    job.controller.abort();
    return true;
  }

  list(): JobInfo[] {
    return [...[...this.jobs.values()].map((j) => j.info), ...this.finished.map(({ jobId, name, state, startedAt, title }) => ({ jobId, name, state, startedAt, title }))];
  }

  cancelAll(): void {
    for (const job of this.jobs.values()) job.controller.abort();
  }

  private finish(jobId: string, outcome: Pick<JobUpdate, 'state' | 'result' | 'error'>): void {
    const job = this.jobs.get(jobId);
    if (!job) return;
    this.jobs.delete(jobId);
    const update: JobUpdate = { ...job.info, ...outcome };
    this.finished.unshift(update);
    this.finished.length = Math.min(this.finished.length, 50);
    this.emit('update', update);
  }
}
