import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { BackendError } from '../../shared/errors';
import type { JobDismissal, JobUpdate } from '../../shared/job-types';
import { toBackendError } from './engine/engine-errors';

export interface JobContext<P> {
  signal: AbortSignal;
  report(progress: P): void;
}

/** Finished jobs kept for the Tasks panel until dismissed; older ones fall off the end. */
export const MAX_FINISHED_JOBS = 50;
/** Progress from a fast stream (a save at 1 GB/s) would flood every window: at most this often. */
export const PROGRESS_INTERVAL_MS = 100;

interface RunningJob {
  state: JobUpdate;
  controller: AbortController;
  lastSent: number;
  pending: ReturnType<typeof setTimeout> | null;
}

/**
 * Long work runs here, not in a request: the caller gets an id at once and follows job.update events.
 * Jobs belong to the backend, so they outlive the page that started them, and every window lists the
 * same ones.
 */
export class JobManager extends EventEmitter<{ update: [JobUpdate]; dismissed: [JobDismissal] }> {
  private readonly running = new Map<string, RunningJob>();
  private finished: JobUpdate[] = [];

  constructor(private readonly progressIntervalMs = PROGRESS_INTERVAL_MS) {
    super();
  }

  start<P, R>(name: string, title: string, run: (ctx: JobContext<P>) => Promise<R>): string {
    const jobId = randomUUID();
    const controller = new AbortController();
    const job: RunningJob = { state: { jobId, name, state: 'running', startedAt: Date.now(), title }, controller, lastSent: 0, pending: null };
    this.running.set(jobId, job);
    this.emit('update', { ...job.state });
    const ctx: JobContext<P> = {
      signal: controller.signal,
      report: (progress) => {
        if (controller.signal.aborted || !this.running.has(jobId)) return;
        job.state = { ...job.state, progress };
        this.sendProgress(job);
      },
    };
    // Deferred so the caller receives the id before the first update can possibly arrive.
    setImmediate(() => {
      run(ctx).then(
        // A run that got to its end did its work, even if Cancel came meanwhile (a save already renamed
        // into place): saying "cancelled" would hide a file that is there.
        (result) => this.finish(jobId, { state: 'done', result }),
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
    const job = this.running.get(jobId);
    if (!job) return false;
    job.controller.abort();
    return true;
  }

  /** Running jobs first (newest first), then finished ones, newest first, each with its last progress. */
  list(): JobUpdate[] {
    const running = [...this.running.values()].map((j) => ({ ...j.state })).reverse();
    return [...running, ...this.finished.map((f) => ({ ...f }))];
  }

  /** Forget finished jobs (running ones are cancelled, not dismissed); every window is told. */
  dismiss(jobIds: readonly string[] | 'finished'): string[] {
    const gone = jobIds === 'finished' ? this.finished.map((f) => f.jobId) : this.finished.filter((f) => jobIds.includes(f.jobId)).map((f) => f.jobId);
    if (gone.length === 0) return [];
    this.finished = this.finished.filter((f) => !gone.includes(f.jobId));
    this.emit('dismissed', { jobIds: gone });
    return gone;
  }

  cancelAll(): void {
    for (const job of this.running.values()) job.controller.abort();
  }

  private sendProgress(job: RunningJob): void {
    if (job.pending) return;
    const wait = job.lastSent + this.progressIntervalMs - Date.now();
    const send = () => {
      job.pending = null;
      if (!this.running.has(job.state.jobId)) return;
      job.lastSent = Date.now();
      this.emit('update', { ...job.state });
    };
    if (wait <= 0) send();
    else job.pending = setTimeout(send, wait);
  }

  private finish(jobId: string, outcome: Pick<JobUpdate, 'state' | 'result' | 'error'>): void {
    const job = this.running.get(jobId);
    if (!job) return;
    if (job.pending) clearTimeout(job.pending);
    this.running.delete(jobId);
    const update: JobUpdate = { ...job.state, ...outcome, finishedAt: Date.now() };
    this.finished.unshift(update);
    const dropped = this.finished.splice(MAX_FINISHED_JOBS);
    this.emit('update', update);
    if (dropped.length > 0) this.emit('dismissed', { jobIds: dropped.map((d) => d.jobId) });
  }
}
