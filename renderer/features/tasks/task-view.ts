import type { ByteProgress } from '../../../shared/archive-types';
import type { JobUpdate } from '../../../shared/job-types';

/** What a job's progress bar shows, worked out from its last report. Pure, so it is tested alone. */
export interface TaskProgressView {
  bytes: number | null;
  total: number | null;
  estimated: boolean;
  /** 0..1 when a total is known; null for an indeterminate bar. */
  fraction: number | null;
  /** Milliseconds left at the average rate so far, once there is enough to go on. */
  etaMs: number | null;
  /** Bytes per second so far. */
  rate: number | null;
  phase: ByteProgress['phase'] | null;
}

function isByteProgress(p: unknown): p is ByteProgress {
  const v = p as Partial<ByteProgress> | null;
  return typeof v === 'object' && v !== null && typeof v.bytes === 'number' && (v.total === null || typeof v.total === 'number');
}

export function taskProgress(job: JobUpdate, now: number): TaskProgressView {
  if (!isByteProgress(job.progress)) return { bytes: null, total: null, estimated: false, fraction: null, etaMs: null, rate: null, phase: null };
  const { bytes, total, estimated, phase } = job.progress;
  const elapsed = Math.max(1, (job.finishedAt ?? now) - job.startedAt);
  const rate = bytes > 0 && elapsed >= 500 ? (bytes / elapsed) * 1000 : null;
  // An estimate may be passed (shared layers are counted once per image): the bar then stays full.
  const fraction = total && total > 0 ? Math.min(1, bytes / total) : null;
  const etaMs = job.state === 'running' && rate && total && total > bytes ? ((total - bytes) / rate) * 1000 : null;
  return { bytes, total, estimated, fraction, etaMs, rate, phase };
}

/** The badge on the Tasks button: jobs still running. */
export function runningCount(jobs: readonly JobUpdate[]): number {
  return jobs.filter((j) => j.state === 'running').length;
}

/** Time left, rounded up to what a person reads at a glance: 45 s, 3 min, 2 h. */
export function etaParts(ms: number): { unit: 'seconds' | 'minutes' | 'hours'; count: number } {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 90) return { unit: 'seconds', count: Math.max(1, seconds) };
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return { unit: 'minutes', count: minutes };
  return { unit: 'hours', count: Math.ceil(minutes / 60) };
}
