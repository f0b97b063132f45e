import { isActiveContainer } from '../../../shared/container-state';
import type { ImageStore } from '../../../shared/engine-types';
import type { RemovalSelection } from '../../../shared/removal-selection';
import type { ConflictExplanation, RemovalOutcome, RemovalPlan } from '../../../shared/removal-types';

/**
 * The selection to plan: the user's own, or, once they unchecked some of a bulk selection's targets,
 * exactly the targets still checked. null when nothing is left to remove.
 */
export function narrowSelection(selection: RemovalSelection, allTargets: readonly string[] | null, excluded: ReadonlySet<string>): RemovalSelection | null {
  if (excluded.size === 0 || allTargets === null) return selection;
  const refs = allTargets.filter((t) => !excluded.has(t));
  return refs.length > 0 ? { kind: 'refs', refs } : null;
}

/** How a target reads in a sentence: an image ID as the CLI's 12 characters, a name as it is. */
export function displayTarget(target: string): string {
  return /^sha256:[0-9a-f]{12,}$/.test(target) ? target.slice(7, 19) : target;
}

/** A target given as an image ID (full or short) rather than a name. */
export function isIdTarget(target: string): boolean {
  return /^(sha256:)?[0-9a-f]{12,64}$/.test(target);
}

/**
 * What `docker rmi -f` does past a container refusal, as each store decides it: a name given while a
 * container uses its image goes alone on the containerd store, and on the legacy store when the
 * container runs; otherwise the image goes and its stopped containers show it by ID.
 */
export function forceOutcome(conflict: ConflictExplanation, store: ImageStore['kind'] | null | undefined): 'none' | 'name-only' | 'image-goes' {
  if (!conflict.forceable) return 'none';
  if (isIdTarget(conflict.target)) return 'image-goes';
  if (store === 'containerd' || conflict.containers.some((c) => isActiveContainer(c.state))) return 'name-only';
  return 'image-goes';
}

/** Bulk selections are resolved by the engine (a repository, dangling, before/since), so the user reviews their targets. */
export function isBulk(selection: RemovalSelection): boolean {
  return selection.kind !== 'refs';
}

/** Nothing would be deleted or untagged: confirming would only repeat the refusals. */
export function planIsEmpty(plan: RemovalPlan): boolean {
  return plan.images.length === 0 && plan.untagOnly.length === 0;
}

export function canForce(plan: RemovalPlan): boolean {
  return plan.conflicts.some((c) => c.forceable);
}

/** What `docker rmi -f` does beyond the plain removal, said for each refusal force gets past. */
export type ForceEffect =
  | { kind: 'all-tags'; target: string; imageId: string; tags: string[] }
  | { kind: 'container-keeps'; target: string; imageId: string; containers: string[] }
  | { kind: 'name-only'; target: string; imageId: string; containers: string[] };

/**
 * What force will do for each refusal it gets past. The forced preview decides between "the image
 * goes, the container stays" and "only the name goes" (the containerd store keeps an image a stopped
 * container uses when its last name is forced off).
 */
export function forceEffects(conflicts: readonly ConflictExplanation[], forced: RemovalPlan | null = null): ForceEffect[] {
  const effects: ForceEffect[] = [];
  const nameOnly = (c: ConflictExplanation) => forced !== null && !forced.images.some((i) => i.id === c.imageId) && forced.untagOnly.some((u) => u.imageId === c.imageId);
  for (const c of conflicts) {
    if (!c.forceable) continue;
    const containers = c.containers.map((x) => x.name);
    if (c.kind === 'multiple-repositories') {
      effects.push({ kind: 'all-tags', target: c.target, imageId: c.imageId, tags: c.tags });
      if (containers.length > 0) effects.push({ kind: 'container-keeps', target: c.target, imageId: c.imageId, containers });
    } else if (c.kind === 'stopped-container' || c.kind === 'container-using-reference') {
      effects.push({ kind: nameOnly(c) ? 'name-only' : 'container-keeps', target: c.target, imageId: c.imageId, containers });
    }
  }
  return effects;
}

export type OutcomeView =
  | { kind: 'deleted'; imageIds: string[]; untagged: string[] }
  /** The named image stays without a name (others are built on it); only untagged parents went. */
  | { kind: 'kept'; untagged: string[]; kept: string[]; parents: string[] }
  | { kind: 'untagged'; untagged: string[]; remaining: string[] }
  | { kind: 'conflict'; conflict: ConflictExplanation }
  | { kind: 'error'; error: { code: string; message: string; detail?: string } };

/** One target's result, in the terms the results list speaks: deleted, only untagged, refused, failed. */
export function outcomeView(outcome: RemovalOutcome): OutcomeView {
  if (!outcome.ok && outcome.conflict) return { kind: 'conflict', conflict: outcome.conflict };
  if (!outcome.ok) return { kind: 'error', error: outcome.error ?? { code: 'ENGINE_ERROR', message: `Removing ${outcome.target} failed.` } };
  if (outcome.keptUntagged && outcome.keptUntagged.length > 0) return { kind: 'kept', untagged: outcome.untagged, kept: outcome.keptUntagged, parents: outcome.deleted };
  if (outcome.deleted.length > 0) return { kind: 'deleted', imageIds: outcome.deleted, untagged: outcome.untagged };
  return { kind: 'untagged', untagged: outcome.untagged, remaining: outcome.remainingTags ?? [] };
}

export function outcomeCounts(outcomes: readonly RemovalOutcome[]): { ok: number; failed: number; deletedImages: number; untagged: number } {
  return {
    ok: outcomes.filter((o) => o.ok).length,
    failed: outcomes.filter((o) => !o.ok).length,
    deletedImages: new Set(outcomes.flatMap((o) => o.deleted)).size,
    untagged: outcomes.reduce((n, o) => n + o.untagged.length, 0),
  };
}
