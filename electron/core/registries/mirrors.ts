import type Docker from 'dockerode';
import type { DaemonRegistryConfig, MirrorCheck, PrefixMirror } from '../../../shared/registry-types';

interface InfoRegistryConfig {
  RegistryConfig?: {
    Mirrors?: string[] | null;
    InsecureRegistryCIDRs?: string[] | null;
    IndexConfigs?: Record<string, { Name?: string; Secure?: boolean; Mirrors?: string[] | null }> | null;
  };
}

/** The engine's registry settings as `docker info` reports them: shown, never changed from here. */
export async function daemonRegistryConfig(docker: Docker): Promise<DaemonRegistryConfig> {
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
export async function checkMirror(mirror: PrefixMirror, insecure: readonly string[], timeoutMs = CHECK_TIMEOUT_MS): Promise<MirrorCheck> {
  const host = mirror.prefix.split('/')[0]!;
  const plain = isLoopback(host) || insecure.includes(host);
  const started = performance.now();
  try {
    const answer = await fetch(`${plain ? 'http' : 'https'}://${host}/v2/`, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await answer.body?.cancel();
    const ms = Math.round(performance.now() - started);
    const ok = answer.status === 200 || answer.status === 401;
    return { prefix: mirror.prefix, ok, ms, status: answer.status, error: ok ? null : `answered ${answer.status}, not as a registry does` };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    const timedOut = (err as Error).name === 'TimeoutError';
    return { prefix: mirror.prefix, ok: false, ms: null, status: null, error: timedOut ? `no answer within ${timeoutMs / 1000} s` : (cause ?? (err as Error).message) };
  }
}
