import { useJobs } from '../../stores/jobs-store';
import type { JobUpdate } from '../../../shared/job-types';

/** The job a dialog started, as the Tasks panel knows it (null until its first update arrives). */
export function useJob(jobId: string | null): JobUpdate | null {
  return useJobs((s) => (jobId ? (s.jobs.find((j) => j.jobId === jobId) ?? null) : null));
}
