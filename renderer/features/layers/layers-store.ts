import { create } from 'zustand';
import type { StevedoreError } from '../../../shared/errors';
import type { BaseImage, LayerAnalysis } from '../../../shared/layer-types';
import { api } from '../../api/client';
import { toStevedoreError } from '../../api/errors';
import { jobEnd } from '../../stores/jobs-store';
import { useNav } from '../../stores/nav-store';
import { historySizes } from './layer-text';

export type InsightTab = 'files' | 'wasted' | 'compare';

/** The image whose layers are open, and its analysis (a backend job: reading a big image takes a while). */
interface LayersState {
  ref: string | null;
  platform: string | null;
  jobId: string | null;
  analysis: LayerAnalysis | null;
  /** The image it was built on, once asked (null: none found, or not asked yet). */
  base: BaseImage | null;
  /** `docker history`'s size of each layer, bottom first, once asked (null: not known). */
  historySizes: number[] | null;
  error: StevedoreError | null;
  /** The user stopped the reading: not a failure, just nothing to show yet. */
  cancelled: boolean;
  layer: number;
  tab: InsightTab;
  /** A path to show in the file tree (from a wasted-space row); `n` tells a second ask for the same path apart. */
  focus: { path: string; n: number } | null;
  open(ref: string, opts?: { tab?: InsightTab }): void;
  /** Shows `ref`'s layers without a new history entry (the browser's history or a reload named it). */
  arrive(ref: string, opts?: { tab?: InsightTab }): void;
  analyse(platform: string | null): Promise<void>;
  cancel(): Promise<void>;
  select(layer: number): void;
  setTab(tab: InsightTab): void;
  /** Open a layer's changes filtered to a path. */
  reveal(layer: number, path: string): void;
}

export const useLayers = create<LayersState>()((set, get) => ({
  ref: null,
  platform: null,
  jobId: null,
  analysis: null,
  base: null,
  historySizes: null,
  error: null,
  cancelled: false,
  layer: 0,
  tab: 'files',
  focus: null,
  open(ref, opts = {}) {
    get().arrive(ref, opts);
    // The address names the image, so a reload or Back/Forward brings this image back.
    useNav.getState().show('layers', ref);
  },
  arrive(ref, opts = {}) {
    // The browser's history came back to the image already open: what was read still holds.
    if (get().ref === ref && (get().analysis || get().jobId)) {
      if (opts.tab) set({ tab: opts.tab });
      return;
    }
    // Another image's reading still running is no longer wanted: stop it rather than let it finish unseen.
    void get().cancel();
    set({ ref, platform: null, analysis: null, base: null, historySizes: null, error: null, jobId: null, layer: 0, tab: opts.tab ?? 'files', focus: null });
    void get().analyse(null);
  },
  async analyse(platform) {
    const { ref } = get();
    if (!ref) return;
    set({ platform, error: null, cancelled: false, jobId: null });
    // Another open() or platform pick while this one waits makes it stale: its answer must not land.
    const current = () => get().ref === ref && get().platform === platform;
    let jobId: string;
    try {
      ({ jobId } = await api.call('layers.analyse', { ref, platform }));
    } catch (err) {
      if (current() && get().jobId === null) set({ error: toStevedoreError(err) });
      return;
    }
    if (!current() || get().jobId !== null) {
      void api.call('jobs.cancel', { jobId }).catch(() => undefined);
      return;
    }
    set({ jobId });
    // From the jobs store, which hears every update, even one that beats the call's answer here.
    const end = await jobEnd(jobId);
    if (get().jobId !== jobId) return;
    if (end.state === 'done') shown(end.result as LayerAnalysis);
    else if (end.state === 'failed') set({ jobId: null, error: end.error ?? { code: 'INTERNAL', message: 'Reading the layers failed.' } });
    else set({ jobId: null, error: null, cancelled: true });
  },
  async cancel() {
    const { jobId } = get();
    if (jobId) await api.call('jobs.cancel', { jobId }).catch(() => undefined);
  },
  select: (layer) => set({ layer }),
  setTab: (tab) => set({ tab }),
  reveal: (layer, path) => set((s) => ({ layer, tab: 'files', focus: { path, n: (s.focus?.n ?? 0) + 1 } })),
}));

function shown(analysis: LayerAnalysis): void {
  const { getState: get, setState: set } = useLayers;
  // The top layer first: it is what the image adds to what it was built on.
  set({ jobId: null, analysis, platform: analysis.platform, layer: Math.max(0, analysis.layers.length - 1) });
  // A nicety on top of the analysis: without it the layers are still all there.
  api.call('layers.base', { imageId: analysis.imageId }).then(
    ({ base }) => get().analysis?.imageId === analysis.imageId && set({ base }),
    () => undefined,
  );
  // The figure users know from the CLI, beside ours (which counts file contents only).
  api.call('images.history', { ref: analysis.imageId }).then(
    (history) => get().analysis === analysis && set({ historySizes: historySizes(analysis.history, history, analysis.layers.length) }),
    () => undefined,
  );
}
