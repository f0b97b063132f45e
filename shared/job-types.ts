import type { StevedoreError } from './errors';

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobInfo {
  jobId: string;
  name: string;
  state: JobState;
  startedAt: number;
  /** The docker command the job corresponds to, shown (and copyable) in the Tasks panel. */
  title: string;
  /** Set once the job ends. */
  finishedAt?: number;
}

/**
 * A job as the Tasks panel shows it: sent for every change (progress while running, then exactly one
 * terminal update), and what `jobs.list` answers, so a reloaded page or a second window sees the same.
 */
export interface JobUpdate extends JobInfo {
  /** The latest progress report while running (and kept after the end). */
  progress?: unknown;
  result?: unknown;
  error?: StevedoreError;
}

/** A finished job the user dismissed from the Tasks panel, in every window. */
export interface JobDismissal {
  jobIds: string[];
}

export interface UsageProgress {
  phase: 'asking-engine' | 'summarising';
}

export interface ImageUsage {
  id: string;
  size: number;
  sharedSize: number;
  /** size - sharedSize: what removing this image alone would free. */
  uniqueSize: number;
  containers: number;
}
