import type { EngineStatus } from '../../../shared/engine-types';

/** One step of how to get the engine back, for the engine the user actually configured. */
export interface AdviceStep {
  key:
    | 'startSystem'
    | 'startDesktop'
    | 'startRootless'
    | 'startCustomSocket'
    | 'unsetDockerHost'
    | 'checkTcp'
    | 'checkTls'
    | 'checkSsh'
    | 'startWindows'
    | 'addToGroup'
    | 'logout'
    | 'socketOwner';
  command?: string;
}

const isDesktopSocket = (path: string) => /\/\.docker\/(run|desktop)\/docker\.sock$/.test(path);
const isRootlessSocket = (path: string) => /^\/run\/user\/\d+\/docker\.sock$/.test(path);

/**
 * What to do, said for the address in use: the system socket, Docker Desktop's, a rootless engine, a
 * socket someone pointed DOCKER_HOST at, a TCP host or an SSH host. `systemctl start docker` is only
 * advice for the first.
 */
export function engineAdvice(status: Pick<EngineStatus, 'state' | 'host' | 'hostSource'>): AdviceStep[] {
  const { host } = status;
  const custom = status.hostSource !== 'default';
  if (status.state === 'permission-denied') {
    const socket = host.replace(/^unix:\/\//, '');
    if (host.startsWith('unix://') && socket !== '/var/run/docker.sock' && socket !== '/run/docker.sock') return [{ key: 'socketOwner', command: `ls -l ${socket}` }];
    return [{ key: 'addToGroup', command: 'sudo usermod -aG docker $USER' }, { key: 'logout' }];
  }
  if (host.startsWith('npipe://')) return [{ key: 'startWindows' }];
  if (host.startsWith('ssh://')) {
    const target = host.replace(/^ssh:\/\//, '').replace(/\/.*$/, '');
    return [{ key: 'checkSsh', command: `ssh ${target} docker version` }];
  }
  if (/^(tcp|https?):\/\//.test(host)) {
    const steps: AdviceStep[] = [{ key: 'checkTcp', command: `docker -H ${host.replace(/^https?:/, 'tcp:')} version` }];
    if (host.includes(':2376') || host.startsWith('https:')) steps.push({ key: 'checkTls' });
    return steps;
  }
  const socket = host.replace(/^unix:\/\//, '');
  if (isDesktopSocket(socket)) return [{ key: 'startDesktop' }];
  if (isRootlessSocket(socket)) return [{ key: 'startRootless', command: 'systemctl --user start docker' }];
  if (custom && socket !== '/var/run/docker.sock' && socket !== '/run/docker.sock') {
    return [{ key: 'startCustomSocket', command: `dockerd -H ${host}` }, { key: 'unsetDockerHost', command: 'unset DOCKER_HOST' }];
  }
  return [{ key: 'startSystem', command: 'sudo systemctl start docker' }, { key: 'startDesktop' }];
}
