import type Docker from 'dockerode';
import type { DaemonRegistryConfig, MirrorCheck, PrefixMirror } from '../../../shared/registry-types';

interface InfoRegistryConfig {
  RegistryConfig?: {
    Mirrors?: string[] | null;
    InsecureRegistryCIDRs?: string[] | null;
    IndexConfigs?: Record<string, { Name?: string; Secure?: boolean; Mirrors?: string[] | null }> | null;
  };
}

/**
 * Per engine client: the settings change only with a daemon restart, after which the connection
 * makes a new client. Browsing asks for every request (a deletion's check reads up to 100 manifests).
 */
const known = new WeakMap<Docker, Promise<DaemonRegistryConfig>>();

/** The engine's registry settings as `docker info` reports them: shown, never changed from here. */
export function daemonRegistryConfig(docker: Docker): Promise<DaemonRegistryConfig> {
  let config = known.get(docker);
  if (!config) {
    config = readDaemonRegistryConfig(docker);
    known.set(docker, config);
    // A failed ask is not remembered: the next one tries again.
    config.catch(() => known.delete(docker));
  }
  return config;
}

/** Reached over plain HTTP, as the engine reaches it: loopback, or listed as insecure in the engine. */
export function reachedInsecurely(host: string, config: DaemonRegistryConfig): boolean {
  return isLoopback(host) || config.insecure.includes(host);
}

async function readDaemonRegistryConfig(docker: Docker): Promise<DaemonRegistryConfig> {
  const info = ((await docker.info()) as InfoRegistryConfig).RegistryConfig ?? {};
  const strings = (xs: unknown): string[] => (Array.isArray(xs) ? xs.filter((x): x is string => typeof x === 'string').slice(0, 100) : []);
  const insecureHosts = Object.values(info.IndexConfigs ?? {})
    .filter((c) => c && c.Secure === false && typeof c.Name === 'string')
    .map((c) => c.Name!);
  return { mirrors: strings(info.Mirrors), insecure: [...strings(info.InsecureRegistryCIDRs), ...insecureHosts] };
}

/** The engine talks plain HTTP to 127.0.0.0/8 and localhost on its own; we do the same for a check. */
export function isLoopback(host: string): boolean {
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name);
}

const CHECK_TIMEOUT_MS = 5_000;

/**
 * Whether a prefix mirror answers as a registry (`GET /v2/`: 200, or 401 asking for a login), and how
 * fast. Only the host is asked: the path part of a prefix is where the mirror files Docker Hub's names.
 */
export async function checkMirror(mirror: PrefixMirror, daemon: DaemonRegistryConfig, timeoutMs = CHECK_TIMEOUT_MS): Promise<MirrorCheck> {
  const host = mirror.prefix.split('/')[0]!;
  const plain = reachedInsecurely(host, daemon);
  const started = performance.now();
  try {
    const answer = await fetch(`${plain ? 'http' : 'https'}://${host}/v2/`, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await answer.body?.cancel();
    const ms = Math.round(performance.now() - started);
    const ok = answer.status === 200 || answer.status === 401;
    return { prefix: mirror.prefix, ok, ms, status: answer.status, error: ok ? null : `answered ${answer.status}, not as a registry does` };
  } catch (err) {
    const timedOut = (err as Error).name === 'TimeoutError';
    return { prefix: mirror.prefix, ok: false, ms: null, status: null, error: timedOut ? `no answer within ${timeoutMs / 1000} s` : networkWords(err) };
  }
}

const WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be looked up',
  ECONNRESET: 'the connection was reset',
  EHOSTUNREACH: 'no route to the host',
  ENETUNREACH: 'the network is unreachable',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate cannot be verified',
};

/** fetch says only "fetch failed"; the reason is a code some levels down its causes. */
function networkWords(err: unknown): string {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string') return WORDS[e.code] ?? e.code;
    // Node's fetch, like browsers, refuses some ports outright (9, 6000, 5060…).
    if (depth > 0 && (e as { message?: unknown }).message === 'bad port') return 'a port Node refuses to connect to (as browsers do); use another port';
  }
  return (err as Error).message;
}
