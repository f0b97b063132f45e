import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { BackendError } from '../../../shared/errors';
import { parseReference } from '../../../shared/reference';
import type { PullResult, TransferProgress } from '../../../shared/registry-types';
import { imageObject } from '../engine/engine-objects';
import type { JobContext } from '../jobs';
import { runTransfer } from './registry-stream';

/** What the engine's authconfig header carries: a login, or an identity token from one. */
export interface AuthConfig {
  username?: string;
  password?: string;
  identitytoken?: string;
  serveraddress: string;
}

/** Where pulls and pushes find the user's login for a registry (never logged, never in a job's payload). */
export interface AuthSource {
  authFor(registry: string): Promise<AuthConfig | null>;
}

export interface PullArgs {
  ref: string;
  platform: string | null;
}

/** `docker pull`: the name normalised as docker does, so `nginx` is pulled as docker.io/library/nginx:latest. */
export function pullTarget(ref: string) {
  const verdict = parseReference(ref);
  if (!verdict.ok) throw new BackendError('INVALID_ARGUMENT', verdict.message, 'e.g. nginx, nginx:1.27, registry.example.com:5000/team/app:1.0 or name@sha256:…');
  return verdict.ref;
}

export async function pullImage(docker: Docker, args: PullArgs, auth: AuthSource, ctx: JobContext<TransferProgress>, stallMs?: number): Promise<PullResult> {
  const target = pullTarget(args.ref);
  const login = await auth.authFor(target.domain);
  const repository = `${target.domain}/${target.path}`;
  const { messages, progress } = await runTransfer(
    {
      verb: 'pull',
      reference: target.familiar,
      registry: target.domain,
      stallMs,
      open: async (signal) =>
        (await docker.createImage({
          fromImage: repository,
          // The engine takes a digest in the tag parameter, as the CLI sends it.
          tag: target.digest ?? target.tag ?? 'latest',
          ...(args.platform ? { platform: args.platform } : {}),
          authconfig: login ?? {},
          abortSignal: signal,
        })) as unknown as Readable,
    },
    ctx,
  );
  const said = messages.map((m) => m.status ?? '');
  const digest = said.map((s) => /^Digest:\s*(sha256:[a-f0-9]{64})/.exec(s)?.[1]).find(Boolean) ?? target.digest;
  const info = (await imageObject(docker, target.familiar).inspect()) as { Id: string };
  return {
    reference: target.full,
    familiar: target.familiar,
    imageId: info.Id,
    digest: digest ?? null,
    upToDate: said.some((s) => /Image is up to date/i.test(s)) || (progress.layers.length > 0 && progress.layers.every((l) => l.state === 'exists')),
    user: login?.username ?? null,
  };
}
