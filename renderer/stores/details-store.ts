import { create } from 'zustand';
import type { StevedoreError } from '../../shared/errors';
import type { HistoryEntry, ImageDetails, ImageRow } from '../../shared/image-types';
import { api } from '../api/client';
import { toStevedoreError } from '../api/errors';
import { createRefetchScheduler } from './refetch-scheduler';

export const DETAIL_TABS = ['overview', 'layers', 'inspect', 'containers'] as const;
export type DetailTab = (typeof DETAIL_TABS)[number];

interface DetailsState {
  /** The row the panel was opened from: it names the image the way the user sees it. */
  row: ImageRow | null;
  tab: DetailTab;
  details: ImageDetails | null;
  history: HistoryEntry[] | null;
  loading: boolean;
  error: StevedoreError | null;
  /** The engine no longer has this image (removed elsewhere). */
  gone: boolean;
  open(row: ImageRow): void;
  close(): void;
  setTab(tab: DetailTab): void;
  /** The image list changed: follow a renamed row, and re-read the image (or learn it is gone). */
  listChanged(rows: readonly ImageRow[]): void;
  /** This window removed these images: a panel showing one of them closes (the result says what went). */
  removedHere(imageIds: readonly string[]): void;
}

/** Each open() gets a number; answers for an earlier one are dropped. */
let generation = 0;

async function load(quiet: boolean): Promise<void> {
  const { row } = useDetails.getState();
  if (!row) return;
  const mine = ++generation;
  if (!quiet) useDetails.setState({ loading: true, error: null, gone: false });
  try {
    const [details, history] = await Promise.all([api.call('images.inspect', { ref: row.imageId }), api.call('images.history', { ref: row.imageId })]);
    if (mine !== generation) return;
    useDetails.setState({ details, history, loading: false, error: null, gone: false });
  } catch (err) {
    if (mine !== generation) return;
    const error = toStevedoreError(err);
    if (error.code === 'NOT_FOUND') useDetails.setState({ gone: true, loading: false });
    // A quiet re-read that fails for another reason keeps what is shown rather than flashing an error.
    else if (!quiet || !useDetails.getState().details) useDetails.setState({ error, loading: false });
  }
}

const quietReload = createRefetchScheduler(() => load(true), 150);

export const useDetails = create<DetailsState>()((set, get) => ({
  row: null,
  tab: 'overview',
  details: null,
  history: null,
  loading: false,
  error: null,
  gone: false,
  open(row) {
    if (get().row?.imageId === row.imageId && !get().error) {
      set({ row });
      return;
    }
    set({ row, details: null, history: null, error: null, gone: false });
    void load(false);
  },
  close() {
    generation++;
    set({ row: null, details: null, history: null, loading: false, error: null, gone: false });
  },
  setTab: (tab) => set({ tab }),
  removedHere(imageIds) {
    const row = get().row;
    if (row && imageIds.includes(row.imageId)) get().close();
  },
  listChanged(rows) {
    const current = get().row;
    if (!current) return;
    const same = rows.find((r) => r.key === current.key) ?? rows.find((r) => r.imageId === current.imageId);
    if (same && same !== current) set({ row: same });
    // Not in the list is not proof of deletion (the -a toggle hides intermediates): ask the engine.
    void quietReload.request();
  },
}));
