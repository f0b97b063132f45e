import { create } from 'zustand';
import type { MethodResult } from '../../shared/contract';
import type { StevedoreError } from '../../shared/errors';
import type { RemovalSelection } from '../../shared/removal-selection';
import type { FreedReport, RemovalOutcome, RemovalPlan } from '../../shared/removal-types';
import { api } from '../api/client';
import { toStevedoreError } from '../api/errors';
import { isBulk, narrowSelection } from '../features/operations/removal-view';
import { useDetails } from './details-store';
import { useImages } from './images-store';

export type RemovalPurpose = 'remove' | 'untag';
export type RemovalPlanResult = MethodResult<'images.removalPlan'>;

export interface RemovalRequest {
  selection: RemovalSelection;
  /** Untag reads differently (one tag goes, the image usually stays) but runs the same flow. */
  purpose: RemovalPurpose;
}

/** plan: what `docker rmi` would do; force: what `docker rmi -f` would do; results: what happened. */
export type RemovalStep = 'plan' | 'force' | 'results';

interface RemovalState {
  request: RemovalRequest | null;
  step: RemovalStep;
  busy: 'planning' | 'removing' | null;
  plan: RemovalPlanResult | null;
  forcedPlan: RemovalPlanResult | null;
  /** A bulk selection's targets as the engine first resolved them; the user may uncheck some. */
  allTargets: string[] | null;
  excluded: ReadonlySet<string>;
  outcomes: RemovalOutcome[] | null;
  /** What the removal freed, and the preview it was confirmed from, to show side by side. */
  freed: FreedReport | null;
  confirmedPlan: RemovalPlan | null;
  forced: boolean;
  error: StevedoreError | null;
  /** Which call the error belongs to, so the dialog can say what failed. */
  failedAt: 'planning' | 'removing' | null;
  start(request: RemovalRequest): void;
  close(): void;
  setRepository(repository: string): void;
  toggleTarget(target: string): void;
  setAllChecked(checked: boolean): void;
  askForce(): void;
  backToPlan(): void;
  /** Removes exactly the targets of the plan on screen (forced on the force step). */
  confirm(): Promise<void>;
  retry(): void;
  /** Something the plan depends on changed (a container was stopped or removed): ask again, quietly. */
  replan(): void;
  /** Open the details' Containers section for an image a conflict named. */
  showContainers(imageId: string): void;
}

const INITIAL = {
  request: null,
  step: 'plan' as RemovalStep,
  busy: null,
  plan: null,
  forcedPlan: null,
  allTargets: null,
  excluded: new Set<string>(),
  outcomes: null,
  freed: null,
  confirmedPlan: null,
  forced: false,
  error: null,
  failedAt: null,
};

/** Every plan or removal gets a number; answers for an older one (or a closed dialog) are dropped. */
let generation = 0;

/** `mine`: the generation this plan answers for; a re-plan of both steps shares one, so neither drops the other. */
async function plan(force: boolean, mine = ++generation): Promise<void> {
  const { request, allTargets, excluded } = useRemoval.getState();
  if (!request) return;
  const selection = narrowSelection(request.selection, allTargets, excluded);
  // No repository chosen yet: there is nothing to plan until the user picks one.
  if (!selection || (selection.kind === 'repository' && selection.repository === '')) {
    useRemoval.setState({ busy: null, plan: null, forcedPlan: null, error: null });
    return;
  }
  // A re-plan keeps the previous plan on screen, dimmed, instead of flashing empty on every checkbox.
  useRemoval.setState(force ? { busy: 'planning', forcedPlan: null, error: null } : { busy: 'planning', error: null });
  try {
    const result = await api.call('images.removalPlan', { selection, force });
    if (mine !== generation) return;
    if (force) useRemoval.setState({ busy: null, forcedPlan: result });
    else useRemoval.setState((s) => ({ busy: null, plan: result, allTargets: s.allTargets ?? (isBulk(request.selection) ? result.targets : null) }));
  } catch (err) {
    if (mine === generation) useRemoval.setState({ busy: null, error: toStevedoreError(err), failedAt: 'planning' });
  }
}

export const useRemoval = create<RemovalState>()((set, get) => ({
  ...INITIAL,
  start(request) {
    set({ ...INITIAL, excluded: new Set(), request });
    void plan(false);
  },
  close() {
    generation++;
    set({ ...INITIAL, excluded: new Set() });
  },
  setRepository(repository) {
    set({ request: { selection: { kind: 'repository', repository }, purpose: 'remove' }, allTargets: null, excluded: new Set(), step: 'plan' });
    void plan(false);
  },
  toggleTarget(target) {
    const excluded = new Set(get().excluded);
    if (excluded.has(target)) excluded.delete(target);
    else excluded.add(target);
    set({ excluded, step: 'plan' });
    void plan(false);
  },
  setAllChecked(checked) {
    set({ excluded: new Set(checked ? [] : (get().allTargets ?? [])), step: 'plan' });
    void plan(false);
  },
  askForce() {
    set({ step: 'force' });
    void plan(true);
  },
  backToPlan() {
    generation++;
    set({ step: 'plan', forcedPlan: null, busy: null, error: null });
    // A failed first plan has nothing to go back to: ask again.
    if (!get().plan) void plan(false);
  },
  async confirm() {
    const { step, plan: shown, forcedPlan, busy } = get();
    const force = step === 'force';
    const target = force ? forcedPlan : shown;
    if (!target || busy || target.targets.length === 0) return;
    const mine = ++generation;
    set({ busy: 'removing', error: null });
    try {
      const { outcomes, freed } = await api.call('images.remove', { targets: target.targets, force });
      useDetails.getState().removedHere(outcomes.flatMap((o) => o.deleted));
      if (mine === generation) set({ busy: null, step: 'results', outcomes, freed, confirmedPlan: target, forced: force });
    } catch (err) {
      if (mine === generation) set({ busy: null, error: toStevedoreError(err), failedAt: 'removing' });
    }
  },
  retry() {
    // After a failed removal the engine may have changed: plan afresh rather than repeat blindly.
    void plan(get().step === 'force');
  },
  replan() {
    const { request, step } = get();
    if (!request || step === 'results') return;
    const mine = ++generation;
    void plan(false, mine);
    if (step === 'force') void plan(true, mine);
  },
  showContainers(imageId) {
    const row = useImages.getState().rows.find((r) => r.imageId === imageId);
    if (!row) return;
    get().close();
    useDetails.getState().open(row);
    useDetails.getState().setTab('containers');
  },
}));
