import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { BackendError } from '../../../shared/errors';
import { parseReference, type ParsedReference } from '../../../shared/reference';
import { mirroredName, type MirrorAttempt, type PrefixMirror, type PullResult, type TransferProgress } from '../../../shared/registry-types';
import { imageObject } from '../engine/engine-objects';
import type { JobContext } from '../jobs';
import type { AuthConfig } from './credentials';
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

export async function pullImage(docker: Docker, args: PullArgs, auth: AuthSource, ctx: JobContext<TransferProgress>, stallMs?: number): Promise<PullResult> {
  const target = pullTarget(args.ref);
  const mirrors = args.via ?? [];
  let pulled: Pulled | null = null;
  let via: string | null = null;
  const attempts: MirrorAttempt[] = [];
  if (mirrors.length === 0) pulled = await pullName(docker, target, args.platform, auth, ctx, stallMs);
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
    if (!pulled) {
      const last = attempts.at(-1)!;
      const all = attempts.map((a) => `${a.prefix}: ${a.message}`).join('\n');
      throw new BackendError(last.code as BackendError['code'], attempts.length > 1 ? `None of the ${attempts.length} mirrors could serve ${target.familiar}.` : `The mirror ${last.prefix} could not serve ${target.familiar}.`, 'Test the mirrors in the Registries dialog, or pull without a mirror.', all);
    }
  }
  const info = (await imageObject(docker, target.familiar).inspect()) as { Id: string };
  return { reference: target.full, familiar: target.familiar, imageId: info.Id, ...pulled, via, attempts };
}
