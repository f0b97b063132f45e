import type Docker from 'dockerode';
import type { FreedReport, RemovalOutcome, RemovalPlan, RemovalReport } from '../../../shared/removal-types';
import type { RemovalSelection } from '../../../shared/removal-selection';
import { describeSelection } from '../../../shared/removal-selection';
import { toContainerBrief } from '../containers/brief';
import { explainConflict, explainModelConflict, namedDescendants } from './conflicts';
import { modelRefs, type ModelImage } from './image-graph';
import { EngineModel } from './legacy/engine-model';
import { loadStorage, loadStore, type StoreContext } from './store';
import { toBackendError } from '../engine/engine-errors';
import { PlanBuilder } from './plan-builder';
import { imageObject } from '../engine/engine-objects';

/** Images, references and containers without layer detail: enough to explain a refusal. */
export async function loadLightModel(docker: Docker): Promise<EngineModel> {
  const [list, containers] = await Promise.all([docker.listImages({ all: true, digests: true }), docker.listContainers({ all: true })]);
  const images: ModelImage[] = list.map((i) => ({
    id: i.Id,
    parent: i.ParentId ?? '',
    refs: modelRefs(i),
    created: i.Created * 1000,
    size: i.Size,
    labels: i.Labels ?? {},
    topChain: null,
  }));
  return new EngineModel(
    images,
    [],
    containers.map(toContainerBrief),
  );
}

/** The targets `docker rmi` would be given for a selection, asked of the engine with the CLI's filters. */
export async function selectionTargets(docker: Docker, selection: RemovalSelection): Promise<string[]> {
  switch (selection.kind) {
    case 'refs':
      // Naming an image twice removes it once; the CLI would only add "No such image" for the second.
      return [...new Set(selection.refs)];
    case 'repository': {
      const list = await docker.listImages({ filters: { reference: [selection.repository] } });
      return list.flatMap((i) => (i.RepoTags ?? []).filter((t) => t.startsWith(`${selection.repository}:`)));
    }
    case 'dangling':
      return (await docker.listImages({ filters: { dangling: ['true'] } })).map((i) => i.Id);
    case 'before':
    case 'since': {
      const list = await docker.listImages({ filters: { [selection.kind]: [selection.ref] } });
      return [...new Set(list.map((i) => i.Id))];
    }
  }
}

/** What `docker rmi [-f] TARGET…` will do, run on a copy of the engine's graph. */
export async function planRemoval(docker: Docker, { store, caches }: StoreContext, selection: RemovalSelection, force: boolean): Promise<RemovalPlan & { targets: string[] }> {
  const [loaded, targets] = await Promise.all([loadStore(docker, store, caches), selectionTargets(docker, selection)]);
  const before = loaded.model;
  const model = before.clone();
  const plan = new PlanBuilder(before, loaded.accounting);
  const conflicts: RemovalPlan['conflicts'] = [];
  const notFound: string[] = [];
  for (const target of targets) {
    const result = model.deleteImage(target, force);
    if (result.ok) plan.add(result.records);
    else if ('conflict' in result) conflicts.push(explainModelConflict(model, target, result.conflict));
    else notFound.push(target);
  }
  const built = plan.build(describeSelection(selection, force, targets), model, conflicts);
  if (notFound.length > 0) built.notFound = notFound;
  const keptChildren = built.images.flatMap((gone) => {
    const children = namedDescendants(before, gone.id).filter((c) => model.images.has(c.id));
    return children.length > 0 ? [{ parentId: gone.id, children }] : [];
  });
  if (keptChildren.length > 0) built.keptChildren = keptChildren;
  if (model.unknownBytes !== undefined && model.unknownBytes > 0) {
    built.uncertainty = { reason: 'content-unknown', minBytes: built.totalBytes, maxBytes: built.totalBytes + model.unknownBytes, maybeImages: [], maybeRefs: [] };
  }
  return { ...built, targets };
}

interface DeleteItem {
  Untagged?: string;
  Deleted?: string;
}

/**
 * `docker rmi` one target at a time, so each gets its own result and refusal explained; then what it
 * freed, as the engine reports it where it does.
 */
export async function removeImages(docker: Docker, { store, caches }: StoreContext, targets: string[], force: boolean): Promise<RemovalReport> {
  // One listing serves both: the containerd store takes over a second to list a few hundred images.
  const listed = (await docker.listImages({ all: true })).map((i) => i.Id);
  const known = new Set(listed);
  const before = await loadStorage(docker, store, caches, listed).catch(() => null);
  const reportedLayers = new Set<string>();
  const outcomes: RemovalOutcome[] = [];
  for (const target of targets) {
    try {
      const imageId = ((await imageObject(docker, target).inspect()) as { Id: string }).Id;
      const items = (await imageObject(docker, target).remove({ force, noprune: false })) as DeleteItem[];
      const untagged = items.flatMap((i) => (i.Untagged ? [i.Untagged] : []));
      const reported = items.flatMap((i) => (i.Deleted && known.has(i.Deleted) ? [i.Deleted] : []));
      // What is reported deleted and is no image is a layer the legacy store released.
      for (const i of items) if (i.Deleted && !known.has(i.Deleted)) reportedLayers.add(i.Deleted);
      // The containerd store reports an image other images are built on as deleted, yet keeps it
      // without a name: say what happened, not what was reported.
      const kept = await stillPresent(docker, reported);
      const outcome: RemovalOutcome = { target, ok: true, untagged, deleted: reported.filter((id) => !kept.includes(id)) };
      if (kept.length > 0) outcome.keptUntagged = kept;
      // Only a name went: say which names still hold the image.
      if (!outcome.deleted.includes(imageId)) outcome.remainingTags = await tagsOf(docker, imageId);
      outcomes.push(outcome);
    } catch (err) {
      const e = toBackendError(err, `Removing ${target}`);
      if (e.code === 'CONFLICT') {
        outcomes.push({ target, ok: false, untagged: [], deleted: [], conflict: explainConflict(await loadLightModel(docker), target, e.detail ?? e.message) });
      } else if (e.code === 'ENGINE_UNREACHABLE' || e.code === 'PERMISSION_DENIED') {
        throw e;
      } else {
        outcomes.push({ target, ok: false, untagged: [], deleted: [], error: { code: e.code, message: e.message, ...(e.detail ? { detail: e.detail } : {}) } });
      }
    }
  }
  const deleted = new Set(outcomes.flatMap((o) => o.deleted));
  const remaining = listed.filter((id) => !deleted.has(id));
  return { outcomes, freed: before ? await freedBy(docker, before, reportedLayers, remaining, { store, caches }) : null };
}

/** Legacy: the layers the engine reported deleting. Containerd: the content it no longer holds. */
async function freedBy(docker: Docker, sizes: ReadonlyMap<string, number>, reportedLayers: ReadonlySet<string>, remaining: readonly string[], { store, caches }: StoreContext): Promise<FreedReport | null> {
  if (store === 'legacy') {
    const bytes = [...reportedLayers].reduce((sum, id) => sum + (sizes.get(id) ?? 0), 0);
    return { bytes, units: reportedLayers.size, source: 'engine', accounting: 'layers' };
  }
  // What is left is what the engine did not report deleting: its content is cached already.
  const left = await loadStorage(docker, store, caches, remaining).catch(() => null);
  if (!left) return null;
  const gone = [...sizes].filter(([digest]) => !left.has(digest));
  return { bytes: gone.reduce((sum, [, size]) => sum + size, 0), units: gone.length, source: 'measured', accounting: 'content' };
}

async function stillPresent(docker: Docker, ids: string[]): Promise<string[]> {
  const present = await Promise.all(ids.map((id) => imageObject(docker, id).inspect().then(() => true, () => false)));
  return ids.filter((_, i) => present[i]);
}

async function tagsOf(docker: Docker, imageId: string): Promise<string[]> {
  try {
    return ((await imageObject(docker, imageId).inspect()) as { RepoTags?: string[] | null }).RepoTags ?? [];
  } catch {
    return [];
  }
}

