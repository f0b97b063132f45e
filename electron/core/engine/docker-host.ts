import { existsSync, readFileSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { BackendError } from '../../../shared/errors';

export interface ResolvedHost {
  /** As the user would write it in DOCKER_HOST. */
  display: string;
  source: 'DOCKER_HOST' | 'default' | 'option';
  options: Docker.DockerOptions;
}

/** Docker Desktop moved its socket under the home folder; the system socket still wins when present. */
function defaultUnixSocket(): string {
  const system = '/var/run/docker.sock';
  const desktop = join(homedir(), '.docker', 'run', 'docker.sock');
  return !existsSync(system) && existsSync(desktop) ? desktop : system;
}

function tlsFiles(env: NodeJS.ProcessEnv): Pick<Docker.DockerOptions, 'ca' | 'cert' | 'key'> {
  const dir = env.DOCKER_CERT_PATH;
  if (!dir) return {};
  return {
    ca: readFileSync(join(dir, 'ca.pem')),
    cert: readFileSync(join(dir, 'cert.pem')),
    key: readFileSync(join(dir, 'key.pem')),
  };
}

/** DOCKER_HOST syntax → dockerode options, with the same defaults the docker CLI uses. */
export function resolveDockerHost(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): ResolvedHost {
  const source = explicit ? 'option' : env.DOCKER_HOST ? 'DOCKER_HOST' : 'default';
  const raw = explicit ?? env.DOCKER_HOST;
  if (!raw) {
    if (platform() === 'win32') return { display: 'npipe:////./pipe/docker_engine', source, options: { socketPath: '//./pipe/docker_engine' } };
    const socketPath = defaultUnixSocket();
    return { display: `unix://${socketPath}`, source, options: { socketPath } };
  }
  if (raw.startsWith('unix://')) return { display: raw, source, options: { socketPath: raw.slice('unix://'.length) } };
  if (raw.startsWith('npipe://')) return { display: raw, source, options: { socketPath: raw.slice('npipe://'.length) } };
  let url: URL;
  try {
    url = new URL(raw.includes('://') ? raw : `tcp://${raw}`);
  } catch {
    throw new BackendError('INVALID_ARGUMENT', `DOCKER_HOST "${raw}" is not a valid address.`, 'Use unix:///path/to/docker.sock, tcp://host:2375 or ssh://user@host.');
  }
  if (url.protocol === 'ssh:') {
    return {
      display: raw,
      source,
      options: {
        protocol: 'ssh',
        host: url.hostname,
        port: url.port ? Number(url.port) : 22,
        username: decodeURIComponent(url.username) || undefined,
        sshOptions: { agent: env.SSH_AUTH_SOCK },
      } as Docker.DockerOptions,
    };
  }
  if (url.protocol !== 'tcp:' && url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BackendError('INVALID_ARGUMENT', `DOCKER_HOST scheme "${url.protocol}" is not supported.`, 'Use unix://, npipe://, tcp:// or ssh://.');
  }
  const port = url.port ? Number(url.port) : 2375;
  const tls = env.DOCKER_TLS_VERIFY === '1' || port === 2376 || url.protocol === 'https:';
  return {
    display: raw,
    source,
    options: { host: url.hostname, port, protocol: tls ? 'https' : 'http', ...(tls ? tlsFiles(env) : {}) },
  };
}
