import type Docker from 'dockerode';
import { BackendError } from '../../../shared/errors';
import type { ContainerBrief } from '../../../shared/removal-types';
import { containerObject, imageObject } from '../engine/engine-objects';
import { toContainerBrief } from './brief';

/** `docker ps -a`: every container, for the images list's "in use" marks and the containers views. */
export async function listContainers(docker: Docker): Promise<ContainerBrief[]> {
  return (await docker.listContainers({ all: true })).map(toContainerBrief);
}

export async function containersUsing(docker: Docker, ref: string): Promise<ContainerBrief[]> {
  const image = (await imageObject(docker, ref).inspect()) as { Id: string };
  return (await listContainers(docker)).filter((c) => c.imageId === image.Id);
}

const nameOf = (info: { Name?: string; Id: string }) => (info.Name ?? info.Id.slice(0, 12)).replace(/^\//, '');

/** `docker rm`: only a stopped container, so nothing running is lost by accident. */
export async function removeContainer(docker: Docker, id: string): Promise<{ removed: string }> {
  const info = await containerObject(docker, id).inspect();
  if (info.State.Running) {
    throw new BackendError('CONFLICT', `Container ${nameOf(info)} is running.`, 'Stop it first (docker stop), then remove it.');
  }
  await containerObject(docker, id).remove({ force: false });
  return { removed: info.Id };
}

/** `docker start`: an already running container is left as it is. */
export async function startContainer(docker: Docker, id: string): Promise<{ started: string }> {
  const info = await containerObject(docker, id).inspect();
  if (!info.State.Running) await containerObject(docker, id).start();
  return { started: info.Id };
}

/** `docker stop` (SIGTERM, then SIGKILL after the engine's grace period, 10 s by default). */
export async function stopContainer(docker: Docker, id: string): Promise<{ stopped: string }> {
  const info = await containerObject(docker, id).inspect();
  if (info.State.Running) await containerObject(docker, id).stop();
  return { stopped: info.Id };
}
