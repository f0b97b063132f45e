import { create } from 'zustand';
import type { StevedoreError } from '../../shared/errors';
import type { ImageUsage, JobUpdate } from '../../shared/job-types';
import { api } from '../api/client';
import { toStevedoreError } from '../api/errors';

/**
 * Shared/unique sizes from the engine's disk-usage report. The engine walks every layer for it, which
 * is slow on big hosts, so it runs as a cancellable job on request and is forgotten when images change.
 */
interface UsageState {
  jobId: string | null;
  byId: Map<string, ImageUsage> | null;
  error: StevedoreError | null;
  start(): Promise<void>;
  cancel(): Promise<void>;
  /** A job update arrived (ours or not). */
  update(u: JobUpdate): void;
  /** Images changed on the engine: sizes may have moved between shared and unique. */
  invalidate(): void;
}

export const useUsage = create<UsageState>()((set, get) => ({
  jobId: null,
  byId: null,
  error: null,
  async start() {
    if (get().jobId) return;
    set({ error: null });
    try {
      const { jobId } = await api.call('images.usage');
      set({ jobId });
    } catch (err) {
      set({ error: toStevedoreError(err) });
    }
  },
  async cancel() {
    const { jobId } = get();
    if (!jobId) return;
    await api.call('jobs.cancel', { jobId }).catch(() => undefined);
  },
  update(u) {
    if (u.jobId !== get().jobId || u.state === 'running') return;
    if (u.state === 'done') set({ jobId: null, byId: new Map((u.result as ImageUsage[]).map((i) => [i.id, i])) });
    else if (u.state === 'failed') set({ jobId: null, error: u.error ?? { code: 'INTERNAL', message: 'Disk usage failed.' } });
    else set({ jobId: null });
  },
  invalidate: () => set({ byId: null }),
}));
