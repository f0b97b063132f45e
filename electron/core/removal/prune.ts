import type Docker from 'dockerode';
import { BackendError } from '../../../shared/errors';
import { comparePruneWithPlan } from '../../../shared/prune-compare';
import { parseLabelFilter, parseUntil, type LabelFilter } from '../../../shared/prune-filters';
import { pruneCommand } from '../../../shared/prune-command';
import type { PruneFilters, PruneResult, RemovalPlan } from '../../../shared/removal-types';
import { imageExists } from '../images/images';
import { loadStore, type StoreContext } from './store';
import type { PruneRules } from './prune-rules';

export interface PrunePlan extends RemovalPlan {
  /** The until cut-off as Unix seconds: pass it back to prune so both use the same instant. */
  untilTimestamp: number | null;
}

/** The filters as the rules take them; dangling-only comes from the mode. */
type Rules = Omit<PruneRules, 'danglingOnly'>;

function rulesFrom(filters: PruneFilters, untilTimestamp: number | null): Rules {
  const labels = (filters.labels ?? []).map((text) => {
    const parsed = parseLabelFilter(text);
    if (!parsed.ok) throw new BackendError('INVALID_ARGUMENT', parsed.message, 'Examples: label=maintainer, label=env=dev, label!=keep.');
    return parsed.value;
  });
  if (untilTimestamp !== null || !filters.until) return { labels, until: untilTimestamp };
  const until = parseUntil(filters.until, Date.now());
  if (!until.ok) throw new BackendError('INVALID_ARGUMENT', until.message, 'Examples: 24h, 168h, 2026-01-31.');
  return { labels, until: until.value };
}

export async function planPrune(docker: Docker, context: StoreContext, filters: PruneFilters, untilTimestamp: number | null = null): Promise<PrunePlan> {
  return (await planWithRules(docker, context, filters, rulesFrom(filters, untilTimestamp))).plan;
}

/** The plan, and every image ID the store held when it was made (to tell images from layers in the engine's report). */
async function planWithRules(docker: Docker, { store, caches }: StoreContext, filters: PruneFilters, rules: Rules): Promise<{ plan: PrunePlan; imageIds: Set<string> }> {
  const loaded = await loadStore(docker, store, caches);
  // Read before simulating: a simulation may work on the model itself.
  const imageIds = new Set(loaded.model.images.keys());
  const plan = loaded.prune({ danglingOnly: !filters.all, ...rules }, pruneCommand(filters));
  return { plan: { ...plan, untilTimestamp: rules.until }, imageIds };
}

interface PruneResponse {
  ImagesDeleted?: { Untagged?: string; Deleted?: string }[] | null;
  SpaceReclaimed?: number;
}

/**
 * The containerd store reports an image "Deleted" only once its content is gone: of the images it did
 * not report, those it no longer lists had their content kept by something else.
 */
async function contentHeld(docker: Docker, notReported: readonly string[]): Promise<string[]> {
  const held: string[] = [];
  for (const id of notReported) {
    // An engine that fails to answer says nothing about the content: not counted as held.
    if (!(await imageExists(docker, id).catch(() => true))) held.push(id);
  }
  return held;
}

/** Prune for real, having computed the preview from the same state just before, and say how they differ. */
export async function prune(docker: Docker, context: StoreContext, filters: PruneFilters, untilTimestamp: number | null): Promise<PruneResult> {
  const rules = rulesFrom(filters, untilTimestamp);
  const { plan, imageIds } = await planWithRules(docker, context, filters, rules);
  const engineFilters: Record<string, string[]> = { dangling: [filters.all ? 'false' : 'true'] };
  if (rules.until !== null) engineFilters.until = [String(rules.until)];
  // The engine takes `key` or `key=value` under the filter names label and label!.
  const term = (l: LabelFilter) => (l.value === null ? l.key : `${l.key}=${l.value}`);
  const include = rules.labels.filter((l) => !l.negate).map(term);
  const exclude = rules.labels.filter((l) => l.negate).map(term);
  if (include.length) engineFilters.label = include;
  if (exclude.length) engineFilters['label!'] = exclude;
  const response = (await docker.pruneImages({ filters: engineFilters })) as PruneResponse;
  const items = response.ImagesDeleted ?? [];
  const deletedAll = items.flatMap((i) => (i.Deleted ? [i.Deleted] : []));
  // The engine lists image IDs and layer chain IDs (legacy) or blob digests (containerd) alike as "Deleted".
  const deletedImageIds = deletedAll.filter((id) => imageIds.has(id));
  const report = {
    deletedImageIds,
    untagged: items.flatMap((i) => (i.Untagged ? [i.Untagged] : [])),
    deletedLayerIds: deletedAll.filter((id) => !imageIds.has(id)),
    spaceReclaimed: response.SpaceReclaimed ?? 0,
    contentHeldIds: context.store === 'containerd' ? await contentHeld(docker, plan.images.map((i) => i.id).filter((id) => !deletedImageIds.includes(id))) : [],
  };
  return { ...report, differences: comparePruneWithPlan(plan, report), plan };
}
