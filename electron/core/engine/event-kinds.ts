import { checkImageRef } from '../../../shared/engine-names';
import type { EngineChangeKind } from '../../../shared/engine-types';

export interface EngineEvent {
  Type?: string;
  Action?: string;
  /** The image ID for tag, untag, delete, load, import (both stores); the name for a pull. */
  Actor?: { ID?: unknown };
}

/**
 * Image actions that leave the image list as it was. `save` matters most: on the containerd store
 * Stevedore itself reads content through `docker save`, and a refetch per save would loop.
 */
const IMAGE_READS = new Set(['save', 'push', 'inspect']);

/** Container actions that change neither the container list nor what images are in use. */
const CONTAINER_NOISE = /^(exec_|health_status|attach|detach|resize|top|copy|archive-path|extract-to-dir|export)/;

/** Which lists an engine event makes stale: none for reads and for a container's chatter. */
export function kindsChangedBy(ev: EngineEvent): EngineChangeKind[] {
  const action = ev.Action ?? '';
  if (ev.Type === 'image') return IMAGE_READS.has(action) ? [] : ['images'];
  if (ev.Type === 'container') {
    if (CONTAINER_NOISE.test(action)) return [];
    // Containers hold images: creating or destroying one changes what is in use and what may be pruned.
    return /^(create|destroy|commit)$/.test(action) ? ['containers', 'images'] : ['containers'];
  }
  return [];
}

/**
 * The images an event changed in the list, as references a window can re-read: the image's ID (or,
 * for a pull, its name). None for container events that leave the list as it was (only what is in
 * use changes, and that comes from the container list); null when images changed but the event does
 * not say which (a commit names the container, not the new image).
 */
export function imagesNamedBy(ev: EngineEvent): string[] | null {
  if (ev.Type === 'container') return ev.Action === 'commit' ? null : [];
  const id = ev.Actor?.ID;
  // Only what the contract would accept: anything else is re-read the slow, safe way.
  return typeof id === 'string' && checkImageRef(id).ok ? [id] : null;
}
