import { create } from 'zustand';
import type { JobDismissal, JobUpdate } from '../../shared/job-types';
import { api } from '../api/client';

/**
 * The backend's jobs as every window sees them: read once with jobs.list (after a reload, or when the
 * link comes back), then kept current by job.update and jobs.dismissed events.
 */
interface JobsState {
  jobs: JobUpdate[];
  /** The Tasks panel is open. */
  open: boolean;
  /** Finished jobs this window has not seen yet (the panel was shut when they ended), until dismissed. */
  unseen: ReadonlySet<string>;
  setOpen(open: boolean): void;
  toggle(): void;
  sync(): Promise<void>;
  update(u: JobUpdate): void;
  dismissed(d: JobDismissal): void;
  cancel(jobId: string): Promise<void>;
  dismiss(jobIds: string[] | 'finished'): Promise<void>;
}

/** Running first (newest first), then finished, newest first: the order jobs.list answers in. */
export function orderJobs(jobs: readonly JobUpdate[]): JobUpdate[] {
  const running = jobs.filter((j) => j.state === 'running').sort((a, b) => b.startedAt - a.startedAt);
  const ended = jobs.filter((j) => j.state !== 'running').sort((a, b) => (b.finishedAt ?? b.startedAt) - (a.finishedAt ?? a.startedAt));
  return [...running, ...ended];
}

export const useJobs = create<JobsState>()((set, get) => ({
  jobs: [],
  open: false,
  unseen: new Set(),
  setOpen: (open) => set(open ? { open, unseen: new Set() } : { open }),
  toggle: () => get().setOpen(!get().open),
  async sync() {
    const jobs = await api.call('jobs.list').catch(() => null);
    if (jobs) set({ jobs: orderJobs(jobs) });
  },
  update(u) {
    const { jobs, open, unseen } = get();
    const before = jobs.find((j) => j.jobId === u.jobId);
    // An update from before a terminal one (events can cross a jobs.list answer) changes nothing.
    if (before && before.state !== 'running') return;
    const next = orderJobs([...jobs.filter((j) => j.jobId !== u.jobId), u]);
    const ended = u.state !== 'running' && !open;
    set({ jobs: next, unseen: ended ? new Set([...unseen, u.jobId]) : unseen });
  },
  dismissed: ({ jobIds }) => set({ jobs: get().jobs.filter((j) => !jobIds.includes(j.jobId)), unseen: new Set([...get().unseen].filter((id) => !jobIds.includes(id))) }),
  async cancel(jobId) {
    await api.call('jobs.cancel', { jobId }).catch(() => undefined);
  },
  async dismiss(jobIds) {
    await api.call('jobs.dismiss', { jobIds }).catch(() => undefined);
  },
}));

/** Resolves with a job's terminal update (at once if it has already ended). */
export function jobEnd(jobId: string): Promise<JobUpdate> {
  return new Promise((resolve) => {
    const check = (jobs: readonly JobUpdate[]) => jobs.find((j) => j.jobId === jobId && j.state !== 'running');
    const now = check(useJobs.getState().jobs);
    if (now) return resolve(now);
    const stop = useJobs.subscribe((s) => {
      const ended = check(s.jobs);
      if (ended) {
        stop();
        resolve(ended);
      }
    });
  });
}
