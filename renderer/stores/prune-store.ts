import { create } from 'zustand';
import type { MethodResult } from '../../shared/contract';
import type { StevedoreError } from '../../shared/errors';
import type { PruneFilters, PruneResult } from '../../shared/removal-types';
import { api } from '../api/client';
import { useDetails } from './details-store';
import { toStevedoreError } from '../api/errors';
import { EMPTY_PRUNE_FORM, type PruneForm } from '../features/operations/prune-form';

export type PrunePlanResult = MethodResult<'images.prunePlan'>;

interface PruneState {
  open: boolean;
  form: PruneForm;
  busy: 'planning' | 'pruning' | null;
  /** The preview on screen and the filters it was made with; cleared whenever the form changes. */
  plan: PrunePlanResult | null;
  planFilters: PruneFilters | null;
  result: PruneResult | null;
  error: StevedoreError | null;
  /** Opens on the safe default (dangling only), or on what the caller asks for. */
  show(initial?: Partial<PruneForm>): void;
  close(): void;
  setForm(change: Partial<PruneForm>): void;
  preview(filters: PruneFilters): Promise<void>;
  /** Prunes with the filters and cut-off of the preview on screen, never with unpreviewed ones. */
  confirm(): Promise<void>;
}

let generation = 0;
const CLOSED = { open: false, form: EMPTY_PRUNE_FORM, busy: null, plan: null, planFilters: null, result: null, error: null };

export const usePrune = create<PruneState>()((set, get) => ({
  ...CLOSED,
  show(initial) {
    generation++;
    // Every opening starts from the safe default, dangling images only, unless the caller names the filters.
    set({ ...CLOSED, open: true, form: { ...EMPTY_PRUNE_FORM, ...initial } });
  },
  close() {
    generation++;
    set(CLOSED);
  },
  setForm(change) {
    if (get().busy === 'pruning') return;
    generation++;
    // A preview describes the filters it was made with; once they change it would mislead.
    set((s) => ({ form: { ...s.form, ...change }, plan: null, planFilters: null, busy: null, error: null }));
  },
  async preview(filters) {
    const mine = ++generation;
    set({ busy: 'planning', plan: null, planFilters: null, result: null, error: null });
    try {
      const plan = await api.call('images.prunePlan', filters);
      if (mine === generation) set({ busy: null, plan, planFilters: filters });
    } catch (err) {
      if (mine === generation) set({ busy: null, error: toStevedoreError(err) });
    }
  },
  async confirm() {
    const { plan, planFilters, busy } = get();
    if (!plan || !planFilters || busy) return;
    const mine = ++generation;
    set({ busy: 'pruning', error: null });
    try {
      const result = await api.call('images.prune', { filters: planFilters, untilTimestamp: plan.untilTimestamp });
      useDetails.getState().removedHere(result.deletedImageIds);
      if (mine === generation) set({ busy: null, result });
    } catch (err) {
      if (mine === generation) set({ busy: null, error: toStevedoreError(err) });
    }
  },
}));
