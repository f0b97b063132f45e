import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { BackendError } from '../../../shared/errors';
import { parseReference, type ParsedReference } from '../../../shared/reference';
import { mirroredName, type MirrorAttempt, type PrefixMirror, type PullResult, type TransferProgress } from '../../../shared/registry-types';
import { imageObject } from '../engine/engine-objects';
import type { JobContext } from '../jobs';
import type { AuthConfig } from './credentials';
import { daemonRegistryConfig } from './mirrors';
import { runTransfer } from './registry-stream';

/** Where pulls and pushes find the user's login for a registry (never logged, never in a job's payload). */
export interface AuthSource {
  authFor(registry: string): Promise<AuthConfig | null>;
}

export interface PullArgs {
  ref: string;
  platform: string | null;
  /** Docker Hub prefix mirrors to pull through, in order; empty: straight from the registry. */
  via?: PrefixMirror[];
  /** Try the next mirror when one fails (else only the first is tried). */
  fallback?: boolean;
}

/** `docker pull`: the name normalised as docker does, so `nginx` is pulled as docker.io/library/nginx:latest. */
export function pullTarget(ref: string): ParsedReference {
  const verdict = parseReference(ref);
  if (!verdict.ok) throw new BackendError('INVALID_ARGUMENT', verdict.message, 'e.g. nginx, nginx:1.27, registry.example.com:5000/team/app:1.0 or name@sha256:…');
  return verdict.ref;
}

interface Pulled {
  digest: string | null;
  upToDate: boolean;
  user: string | null;
}

async function pullName(docker: Docker, target: ParsedReference, platform: string | null, auth: AuthSource, ctx: JobContext<TransferProgress>, stallMs?: number): Promise<Pulled> {
  const login = await auth.authFor(target.domain);
  const { messages, progress } = await runTransfer(
    {
      verb: 'pull',
      reference: target.familiar,
      registry: target.domain,
      stallMs,
      open: async (signal) =>
        (await docker.createImage({
          fromImage: `${target.domain}/${target.path}`,
          // The engine takes a digest in the tag parameter, as the CLI sends it.
          tag: target.digest ?? target.tag ?? 'latest',
          ...(platform ? { platform } : {}),
          authconfig: login ?? {},
          abortSignal: signal,
        })) as unknown as Readable,
    },
    ctx,
  );
  const said = messages.map((m) => m.status ?? '');
  return {
    digest: said.map((s) => /^Digest:\s*(sha256:[a-f0-9]{64})/.exec(s)?.[1]).find(Boolean) ?? target.digest,
    upToDate: said.some((s) => /Image is up to date/i.test(s)) || (progress.layers.length > 0 && progress.layers.every((l) => l.state === 'exists')),
    user: login?.username ?? null,
  };
}

async function exists(docker: Docker, ref: string): Promise<boolean> {
  try {
    await imageObject(docker, ref).inspect();
    return true;
  } catch {
    return false;
  }
}

/**
 * Through a Docker Hub prefix mirror: pull the mirror's name, tag it with the canonical one, and
 * remove the mirror's name again (unless the user had it before), so `nginx:1.27` ends up named
 * `nginx:1.27` with the registry's ID and no trace of the mirror.
 */
async function pullThrough(docker: Docker, target: ParsedReference, mirror: PrefixMirror, platform: string | null, auth: AuthSource, ctx: JobContext<TransferProgress>, stallMs?: number): Promise<Pulled> {
  const tag = target.tag ?? 'latest';
  const temporary = pullTarget(`${mirroredName(mirror, target.path)}:${tag}`);
  const hadIt = await exists(docker, temporary.familiar);
  const pulled = await pullName(docker, temporary, platform, auth, ctx, stallMs);
  await imageObject(docker, temporary.familiar).tag({ repo: target.familiarName, tag });
  if (!hadIt) await imageObject(docker, temporary.familiar).remove({ noprune: true });
  return pulled;
}

/**
 * Straight from the name's registry. For a Docker Hub name the engine asks its own mirrors first and
 * then Docker Hub; where Hub is out of reach, its "cannot be reached" hides that the mirror answered
 * without the name, most often a typo. Said so, when the engine has mirrors.
 */
async function direct(docker: Docker, target: ParsedReference, platform: string | null, auth: AuthSource, ctx: JobContext<TransferProgress>, stallMs?: number): Promise<Pulled> {
  try {
    return await pullName(docker, target, platform, auth, ctx, stallMs);
  } catch (err) {
    if (!(err instanceof BackendError) || target.domain !== 'docker.io' || (err.code !== 'NETWORK' && err.code !== 'TIMEOUT')) throw err;
    const { mirrors } = await daemonRegistryConfig(docker).catch(() => ({ mirrors: [] as string[] }));
    if (mirrors.length === 0) throw err;
    throw new BackendError(
      err.code,
      `The engine's mirror (${mirrors.join(', ')}) did not serve ${target.familiar}, and Docker Hub cannot be reached to ask it.`,
      'Check the name and the tag: the mirror only has what was pulled through it or pushed to it.',
      err.detail,
    ).translatedAs('registry.mirrorLacks', { reference: target.familiar, mirrors: mirrors.join(', ') });
  }
}

export async function pullImage(docker: Docker, args: PullArgs, auth: AuthSource, ctx: JobContext<TransferProgress>, stallMs?: number): Promise<PullResult> {
  const target = pullTarget(args.ref);
  const mirrors = args.via ?? [];
  let pulled: Pulled | null = null;
  let via: string | null = null;
  const attempts: MirrorAttempt[] = [];
  if (mirrors.length === 0) pulled = await direct(docker, target, args.platform, auth, ctx, stallMs);
  else {
    if (target.domain !== 'docker.io') throw new BackendError('INVALID_ARGUMENT', `Prefix mirrors serve Docker Hub images; ${target.familiar} comes from ${target.domain}.`, 'Pull it without a mirror.');
    if (target.digest) throw new BackendError('INVALID_ARGUMENT', 'A pull by digest goes to Docker Hub or the engine’s own mirrors; prefix mirrors serve tags.', 'Pull it by tag, or without a mirror.');
    for (const mirror of args.fallback === false ? mirrors.slice(0, 1) : mirrors) {
      try {
        pulled = await pullThrough(docker, target, mirror, args.platform, auth, ctx, stallMs);
        via = mirror.prefix;
        break;
      } catch (err) {
        if (ctx.signal.aborted || !(err instanceof BackendError)) throw err;
        attempts.push({ prefix: mirror.prefix, code: err.code, message: err.message });
      }
    }
    // With fallback allowed, the last resort is where a pull without mirrors goes: Docker Hub, through
    // the engine's own mirrors. A prefix mirror that lacks a name must not make it unpullable.
    if (!pulled && args.fallback !== false) {
      try {
        pulled = await direct(docker, target, args.platform, auth, ctx, stallMs);
      } catch (err) {
        if (ctx.signal.aborted || !(err instanceof BackendError)) throw err;
        attempts.push({ prefix: 'docker.io', code: err.code, message: err.message });
      }
    }
    if (!pulled) {
      const last = attempts.at(-1)!;
      const reasons = attempts.map((a) => `${a.prefix}: ${a.message}`);
      throw new BackendError(
        last.code as BackendError['code'],
        `${target.familiar} could not be pulled from ${attempts.length > 1 ? `any of ${attempts.map((a) => a.prefix).join(', ')}` : last.prefix}. ${reasons.join(' ')}`,
        'Test the mirrors in the Registries dialog, check the name, or pull without a mirror.',
        reasons.join('\n'),
      );
    }
  }
  const info = (await imageObject(docker, target.familiar).inspect()) as { Id: string };
  return { reference: target.full, familiar: target.familiar, imageId: info.Id, ...pulled, via, attempts };
}
