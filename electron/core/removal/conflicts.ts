import { isActiveContainer } from '../../../shared/container-state';
import type { ConflictExplanation, ConflictKind, ContainerBrief } from '../../../shared/removal-types';
import type { ImageGraph, ModelConflict } from './image-graph';

const PATTERNS: [RegExp, ConflictKind][] = [
  [/image is referenced in multiple repositories/, 'multiple-repositories'],
  [/image is being used by running container ([0-9a-f]+)/, 'running-container'],
  [/image is being used by stopped container ([0-9a-f]+)/, 'stopped-container'],
  [/container ([0-9a-f]+) is using its referenced image/, 'container-using-reference'],
  [/image has dependent child images/, 'child-images'],
];

/** Read the engine's 409 text: which rule refused, and which container (by short ID) it named. */
export function classifyConflict(detail: string): { kind: ConflictKind; containerId: string | null } {
  for (const [pattern, kind] of PATTERNS) {
    const m = detail.match(pattern);
    if (m) return { kind, containerId: m[1] ?? null };
  }
  return { kind: 'other', containerId: null };
}

/**
 * The images built on this one that a user would recognise: the nearest tagged descendant on each
 * branch (the legacy builder leaves untagged intermediate images in between), or an untagged leaf.
 */
export function namedDescendants(model: ImageGraph, id: string): { id: string; tags: string[] }[] {
  const found: { id: string; tags: string[] }[] = [];
  const queue = model.children(id);
  while (queue.length > 0) {
    const image = queue.shift()!;
    const tags = image.refs.filter((r) => r.tagged).map((r) => r.text);
    const below = model.children(image.id);
    if (tags.length > 0 || below.length === 0) found.push({ id: image.id, tags });
    else queue.push(...below);
  }
  return found;
}

/** Everything the user needs to decide: the containers in the way, the child images, the other tags. */
export function explainConflict(model: ImageGraph, target: string, detail: string, fallbackImageId = ''): ConflictExplanation {
  const { kind, containerId } = classifyConflict(detail);
  const image = model.resolve(target);
  const imageId = image?.id ?? fallbackImageId;
  const users: ContainerBrief[] = [...model.containersOf(imageId)];
  // The container the engine named first, then the others using the image.
  users.sort((a, b) => Number(b.id.startsWith(containerId ?? '-')) - Number(a.id.startsWith(containerId ?? '-')));
  const running = users.some((c) => isActiveContainer(c.state));
  // Forcing a name off an image a container uses always works (the image stays while a container runs
  // it); forcing the image itself out past a running container never does.
  const forceable = kind === 'multiple-repositories' || kind === 'container-using-reference' || (kind === 'stopped-container' && !running);
  return {
    kind,
    target,
    imageId,
    forceable,
    // Stopped containers matter even when the engine refused for another reason: force leaves them
    // pointing at a deleted image, and the confirmation must say so.
    containers: kind === 'child-images' ? [] : users,
    children: kind === 'child-images' ? namedDescendants(model, imageId) : [],
    tags: image ? image.refs.filter((r) => r.tagged).map((r) => r.text) : [],
    detail,
  };
}

export function explainModelConflict(model: ImageGraph, target: string, conflict: ModelConflict): ConflictExplanation {
  return explainConflict(model, target, conflict.message, conflict.imageId);
}
