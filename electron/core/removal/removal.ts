import type Docker from 'dockerode';
import type { ContainerBrief, RemovalOutcome, RemovalPlan } from '../../shared/removal-types';
import type { RemovalSelection } from '../../shared/removal-selection';
import { describeSelection } from '../../shared/removal-selection';
import { BackendError } from '../../shared/errors';
import { toContainerBrief } from './containers';
import { explainConflict, explainModelConflict } from './conflicts';
import { EngineModel, modelRefs, type ModelImage } from './engine-model';
import { loadEngineModel, type ImageFactsCache } from './engine-snapshot';
import { toBackendError } from './engine-errors';
import { PlanBuilder } from './prune-model';
import { containerObject, imageObject } from './engine-objects';

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
      return selection.refs;
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
export async function planRemoval(docker: Docker, selection: RemovalSelection, force: boolean, cache?: ImageFactsCache): Promise<RemovalPlan & { targets: string[] }> {
  const [before, targets] = await Promise.all([loadEngineModel(docker, cache), selectionTargets(docker, selection)]);
  const model = before.clone();
  const plan = new PlanBuilder(before);
  const conflicts: RemovalPlan['conflicts'] = [];
  for (const target of targets) {
    const result = model.deleteImage(target, force, true);
    if (result.ok) plan.add(result.records);
    else if ('conflict' in result) conflicts.push(explainModelConflict(model, target, result.conflict));
  }
  return { ...plan.build(describeSelection(selection, force, targets), model, conflicts), targets };
}

interface DeleteItem {
  Untagged?: string;
  Deleted?: string;
}

/** `docker rmi` one target at a time, so each gets its own result and refusal explained. */
export async function removeImages(docker: Docker, targets: string[], force: boolean): Promise<RemovalOutcome[]> {
  const known = new Set((await docker.listImages({ all: true })).map((i) => i.Id));
  const outcomes: RemovalOutcome[] = [];
  for (const target of targets) {
    try {
      const imageId = ((await imageObject(docker, target).inspect()) as { Id: string }).Id;
      const items = (await imageObject(docker, target).remove({ force, noprune: false })) as DeleteItem[];
      const untagged = items.flatMap((i) => (i.Untagged ? [i.Untagged] : []));
      const deleted = items.flatMap((i) => (i.Deleted && known.has(i.Deleted) ? [i.Deleted] : []));
      const outcome: RemovalOutcome = { target, ok: true, untagged, deleted };
      // Only a name went: say which names still hold the image.
      if (!deleted.includes(imageId)) outcome.remainingTags = await tagsOf(docker, imageId);
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
  return outcomes;
}

async function tagsOf(docker: Docker, imageId: string): Promise<string[]> {
  try {
    return ((await imageObject(docker, imageId).inspect()) as { RepoTags?: string[] | null }).RepoTags ?? [];
  } catch {
    return [];
  }
}

export async function containersUsing(docker: Docker, ref: string): Promise<ContainerBrief[]> {
  const image = (await imageObject(docker, ref).inspect()) as { Id: string };
  const containers = await docker.listContainers({ all: true });
  return containers
    .filter((c) => c.ImageID === image.Id)
    .map(toContainerBrief);
}

export async function removeContainer(docker: Docker, id: string): Promise<{ removed: string }> {
  const info = await containerObject(docker, id).inspect();
  if (info.State.Running) {
    throw new BackendError('CONFLICT', `Container ${info.Name.replace(/^\//, '')} is running.`, 'Stop it first (docker stop), then remove it.');
  }
  await containerObject(docker, id).remove({ force: false });
  return { removed: info.Id };
}
