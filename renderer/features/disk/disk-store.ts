import { create } from 'zustand';
import type { DiskUsage } from '../../../shared/disk-types';
import type { StevedoreError } from '../../../shared/errors';
import type { ImageSummary } from '../../../shared/image-types';
import type { ContainerBrief } from '../../../shared/removal-types';
import { api } from '../../api/client';
import { toStevedoreError } from '../../api/errors';
import { jobEnd } from '../../stores/jobs-store';

/**
 * What the engine's images and containers were when a measurement started: once they differ, the
 * figures on screen are from the past. Content, not object identity: a re-read of the same lists
 * (coming back to the Containers view reads it again) changes nothing on disk.
 */
export function engineKey(images: readonly ImageSummary[], containers: readonly ContainerBrief[] | null): string {
  const i = images.map((s) => `${s.id}=${s.repoTags.join(',')}`).sort();
  const c = (containers ?? []).map((b) => `${b.id}=${b.state}=${b.imageId}`).sort();
  return `${i.join(' ')}|${c.join(' ')}`;
}

/**
 * `docker system df`, measured on request (the engine walks every layer for it, slow on big hosts):
 * a backend job, started when the Disk usage view opens and cancellable. The last answer is kept
 * across views, with what the engine held when it was asked.
 */
interface DiskState {
  jobId: string | null;
  usage: DiskUsage | null;
  error: StevedoreError | null;
  cancelled: boolean;
  /** engineKey when the measurement on screen (or running) was asked for. */
  basis: string | null;
  /** `basis` is what the engine holds now. */
  start(basis: string): Promise<void>;
  cancel(): Promise<void>;
}

/** A start between asking and the job's ID coming back: a second one would start a second job. */
let starting = false;

export const useDisk = create<DiskState>()((set, get) => ({
  jobId: null,
  usage: null,
  error: null,
  cancelled: false,
  basis: null,
  async start(basis) {
    if (get().jobId || starting) return;
    starting = true;
    set({ error: null, cancelled: false, basis });
    let jobId: string;
    try {
      ({ jobId } = await api.call('system.df'));
    } catch (err) {
      set({ error: toStevedoreError(err) });
      return;
    } finally {
      starting = false;
    }
    set({ jobId });
    // From the jobs store, which hears every update, even one that beats the call's answer here.
    const end = await jobEnd(jobId);
    if (get().jobId !== jobId) return;
    if (end.state === 'done') set({ jobId: null, usage: end.result as DiskUsage });
    else if (end.state === 'cancelled') set({ jobId: null, cancelled: true });
    else set({ jobId: null, error: end.error ?? { code: 'INTERNAL', message: 'Measuring disk usage failed.' } });
    // The view shows the answer itself, and measures again whenever the engine changes: a finished
    // measurement would only pile up in the Tasks panel. A failure stays there, with its details.
    if (end.state !== 'failed') void api.call('jobs.dismiss', { jobIds: [jobId] }).catch(() => undefined);
  },
  async cancel() {
    const { jobId } = get();
    if (jobId) await api.call('jobs.cancel', { jobId }).catch(() => undefined);
  },
}));
