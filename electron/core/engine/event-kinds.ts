import type { EngineChangeKind } from '../../../shared/engine-types';

export interface EngineEvent {
  Type?: string;
  Action?: string;
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
