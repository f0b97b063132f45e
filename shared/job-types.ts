import type { StevedoreError } from './errors';

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobInfo {
  jobId: string;
  name: string;
  state: JobState;
  startedAt: number;
  /** Short human description, e.g. the docker command it corresponds to. */
  title: string;
}

/** Sent for every change of a job: progress while running, then exactly one terminal update. */
export interface JobUpdate extends JobInfo {
  progress?: unknown;
  result?: unknown;
  error?: StevedoreError;
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
