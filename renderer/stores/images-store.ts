import { create } from 'zustand';
import type { StevedoreError } from '../../shared/errors';
import type { ImageRow, ImageSummary } from '../../shared/image-types';
import { toImageRows, type RowReuse } from '../../shared/image-rows';
import { api } from '../api/client';
import { toStevedoreError } from '../api/errors';
import { patchSummaries } from '../../shared/image-patch';
import { createRefetchScheduler } from './refetch-scheduler';
import { selectStoreKind, useEngine } from './engine-store';
import { tickClock } from '../ui/clock-store';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

interface ImagesState {
  /** `docker images -a`: include intermediate images. */
  all: boolean;
  summaries: ImageSummary[];
  rows: ImageRow[];
  status: LoadStatus;
  /** Set when there is nothing to show because the last fetch failed. */
  error: StevedoreError | null;
  /** A refetch is running while older data stays on screen. */
  refreshing: boolean;
  /** Bumped by every completed fetch, so dependants can react to "the list changed". */
  version: number;
  setAll(all: boolean): void;
  refresh(): Promise<void>;
  /** A list the host gave with the page (see first-list): shown as if this window had fetched it. */
  seed(summaries: ImageSummary[]): void;
  /** Engine events named these images: re-read just their rows, or everything when that is not exact. */
  imagesChanged(refs: readonly string[]): Promise<void>;
  /**
   * The engine said which image store it has (the list may arrive first): on the containerd store
   * every nameless image is dangling, so the rows are worked out again.
   */
  storeKnown(): void;
}

type BackgroundFailure = (error: StevedoreError) => void;
let onBackgroundFailure: BackgroundFailure = () => undefined;
/** A failed refetch with data already shown goes to a toast instead of replacing the table. */
export function setImagesBackgroundFailureHandler(handler: BackgroundFailure): void {
  onBackgroundFailure = handler;
}

// A patched list keeps its untouched summaries, and with them their row objects (see RowReuse).
const rowReuse: RowReuse = new WeakMap();
const rowsOf = (summaries: readonly ImageSummary[]) => toImageRows(summaries, selectStoreKind(useEngine.getState()), rowReuse);

/** A whole list, fetched or given with the page, becomes the rows on screen. */
function showList(summaries: ImageSummary[]): void {
  tickClock();
  useImages.setState((s) => ({ summaries, rows: rowsOf(summaries), status: 'ready', error: null, version: s.version + 1 }));
}

async function fetchImages(): Promise<void> {
  const { all } = useImages.getState();
  useImages.setState((s) => (s.status === 'ready' ? { refreshing: true } : { status: 'loading', refreshing: true }));
  try {
    const summaries = await api.call('images.list', { all });
    // The -a toggle changed while this was in flight: its own trailing fetch will land shortly.
    if (useImages.getState().all !== all) return;
    showList(summaries);
  } catch (err) {
    const error = toStevedoreError(err);
    if (useImages.getState().status === 'ready') onBackgroundFailure(error);
    else useImages.setState({ status: 'error', error });
  } finally {
    useImages.setState({ refreshing: false });
  }
}

const scheduler = createRefetchScheduler(fetchImages, 100);

// Patches run one at a time, in the order the events came, so an older answer never lands last.
let patches: Promise<void> = Promise.resolve();

async function patchImages(refs: readonly string[]): Promise<void> {
  const { status, all } = useImages.getState();
  // A full list in flight may predate the event; the one queued after it will not.
  if (status !== 'ready' || scheduler.busy()) return scheduler.request();
  try {
    const change = await api.call('images.summaries', { refs: [...refs] });
    const current = useImages.getState();
    if (current.status !== 'ready' || current.all !== all || scheduler.busy()) return scheduler.request();
    const summaries = patchSummaries(current.summaries, change, selectStoreKind(useEngine.getState()));
    if (!summaries) return scheduler.request();
    tickClock();
    useImages.setState((s) => ({ summaries, rows: rowsOf(summaries), version: s.version + 1 }));
  } catch {
    // Whatever went wrong, the full list says what is true (and reports its own failure).
    return scheduler.request();
  }
}

export const useImages = create<ImagesState>()((set) => ({
  all: false,
  summaries: [],
  rows: [],
  status: 'idle',
  error: null,
  refreshing: false,
  version: 0,
  setAll(all) {
    set({ all });
    void scheduler.request();
  },
  refresh: () => scheduler.request(),
  seed: showList,
  imagesChanged(refs) {
    if (refs.length === 0) return Promise.resolve();
    patches = patches.then(() => patchImages(refs));
    return patches;
  },
  storeKnown() {
    set((s) => (s.status === 'ready' ? { rows: rowsOf(s.summaries), version: s.version + 1 } : s));
  },
}));
