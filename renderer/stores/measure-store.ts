import { useEffect, useMemo } from 'react';
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { JobName, JobResult } from '../../shared/contract';
import type { StevedoreError } from '../../shared/errors';
import type { ImageSummary } from '../../shared/image-types';
import type { ContainerBrief } from '../../shared/removal-types';
import { api } from '../api/client';
import { toStevedoreError } from '../api/errors';
import { useContainers } from './containers-store';
import { useImages } from './images-store';
import { jobEnd } from './jobs-store';

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

/** A measurement the engine is slow to give (a backend job without arguments), kept across views. */
export interface MeasureState<R> {
  jobId: string | null;
  result: R | null;
  error: StevedoreError | null;
  cancelled: boolean;
  /** engineKey when the measurement on screen (or running) was asked for. */
  basis: string | null;
  /** `basis` is what the engine holds now. */
  start(basis: string): Promise<void>;
  cancel(): Promise<void>;
}

export type MeasureStore<R> = UseBoundStore<StoreApi<MeasureState<R>>>;

/** A store that runs `job` on request, cancellable, and keeps its last answer with what the engine held. */
export function createMeasureStore<N extends JobName>(job: N, failure: string): MeasureStore<JobResult<N>> {
  /** A start between asking and the job's ID coming back: a second one would start a second job. */
  let starting = false;
  const store: MeasureStore<JobResult<N>> = create<MeasureState<JobResult<N>>>()((set, get) => ({
    jobId: null,
    result: null,
    error: null,
    cancelled: false,
    basis: null,
    async start(basis) {
      if (get().jobId || starting) return;
      starting = true;
      set({ error: null, cancelled: false, basis });
      let jobId: string;
      try {
        ({ jobId } = await (api.call as (name: JobName, args: Record<string, never>) => Promise<{ jobId: string }>)(job, {}));
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
      if (end.state === 'done') set({ jobId: null, result: end.result as JobResult<N> });
      else if (end.state === 'cancelled') set({ jobId: null, cancelled: true });
      else set({ jobId: null, error: end.error ?? { code: 'INTERNAL', message: failure } });
      // The view shows the answer itself, and measures again whenever the engine changes: a finished
      // measurement would only pile up in the Tasks panel. A failure stays there, with its details.
      if (end.state !== 'failed') void api.call('jobs.dismiss', { jobIds: [jobId] }).catch(() => undefined);
    },
    async cancel() {
      const { jobId } = get();
      if (jobId) await api.call('jobs.cancel', { jobId }).catch(() => undefined);
    },
  }));
  return store;
}

/** Engine events come in bursts (a prune removes many images): measure again once they settle. */
const SETTLE_MS = 800;

/**
 * Lazily: measured when the view opens (never before), and again once the engine changed meanwhile.
 * Returns what the view needs to say about it.
 */
export function useMeasureWhenStale<R>(useStore: MeasureStore<R>): { key: string; listsReady: boolean; stale: boolean } {
  const { jobId, result, error, cancelled, basis, start } = useStore();
  const summaries = useImages((s) => s.summaries);
  const imagesSettled = useImages((s) => s.status === 'ready' || s.status === 'error');
  const containers = useContainers((s) => s.list);
  const containersFailed = useContainers((s) => s.error !== null);
  const key = useMemo(() => engineKey(summaries, containers), [summaries, containers]);
  // The lists only tell when to measure again; one that failed to load must not hold the measuring back.
  const listsReady = imagesSettled && (containers !== null || containersFailed);
  const running = jobId !== null;
  const stale = result !== null && basis !== key;
  useEffect(() => {
    if (!listsReady || running || error || cancelled) return;
    if (result === null) return void start(key);
    if (!stale) return;
    const timer = setTimeout(() => void useStore.getState().start(key), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [listsReady, running, error, cancelled, result, stale, key, start, useStore]);
  return { key, listsReady, stale };
}
