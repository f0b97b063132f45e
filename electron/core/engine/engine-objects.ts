import type Docker from 'dockerode';
import { checkContainerRef, checkImageRef } from '../../../shared/engine-names';
import { BackendError } from '../../../shared/errors';

/**
 * The only door from a value to an Engine API path. dockerode pastes names into the path as they are
 * ("/images/" + name + "/json"), so a name with "..", "%2f", "?" or "#" would change which endpoint,
 * query or (through the engine's 301 for "..") which host the request reaches. Every name is checked
 * for what it is and percent-encoded per path segment here; lint forbids getImage/getContainer
 * elsewhere.
 */

/** Percent-encode each segment, keeping the "/" that repository paths legitimately contain. */
export function encodePathParam(value: string): string {
  return value.split('/').map(encodeURIComponent).join('/');
}

function refuse(message: string): never {
  throw new BackendError('INVALID_ARGUMENT', message, 'Use an image ID, a name like nginx:1.27, or name@sha256:….');
}

export function imageObject(docker: Docker, ref: string): Docker.Image {
  const verdict = checkImageRef(ref);
  if (!verdict.ok) refuse(verdict.message);
  // eslint-disable-next-line no-restricted-syntax -- this is the one checked door
  return docker.getImage(encodePathParam(ref));
}

export function containerObject(docker: Docker, id: string): Docker.Container {
  const verdict = checkContainerRef(id);
  if (!verdict.ok) throw new BackendError('INVALID_ARGUMENT', verdict.message, 'Use a container ID or name as docker ps -a lists it.');
  // eslint-disable-next-line no-restricted-syntax -- this is the one checked door
  return docker.getContainer(encodePathParam(id));
}
