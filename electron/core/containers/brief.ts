import type Docker from 'dockerode';
import type { ContainerBrief } from '../../../shared/removal-types';

/** A container as the UI names it: the engine lists names with a leading slash. */
export function toContainerBrief(c: Docker.ContainerInfo): ContainerBrief {
  return { id: c.Id, name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''), state: c.State, created: c.Created, imageId: c.ImageID, image: c.Image };
}
