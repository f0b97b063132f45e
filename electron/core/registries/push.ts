import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { BackendError } from '../../../shared/errors';
import { parseTagTarget } from '../../../shared/reference';
import type { PushResult, TransferProgress } from '../../../shared/registry-types';
import { imageObject } from '../engine/engine-objects';
import type { JobContext } from '../jobs';
import type { AuthSource } from './pull';
import { runTransfer } from './registry-stream';
import { layerCounts } from './transfer-progress';

/** `docker push name:tag`: one tag (never every tag of the repository, which the engine does without one). */
export async function pushImage(docker: Docker, ref: string, auth: AuthSource, ctx: JobContext<TransferProgress>, stallMs?: number): Promise<PushResult> {
  const verdict = parseTagTarget(ref);
  if (!verdict.ok) throw new BackendError('INVALID_ARGUMENT', verdict.message, 'Push a name with a tag, e.g. registry.example.com:5000/team/app:1.0.');
  const target = verdict.ref;
  const tag = target.tag ?? 'latest';
  const login = await auth.authFor(target.domain);
  const { messages, progress } = await runTransfer(
    {
      verb: 'push',
      reference: target.familiar,
      registry: target.domain,
      stallMs,
      open: async (signal) =>
        // Engines from 25 on refuse a push without the auth header: an empty one means "anonymous", as the CLI sends.
        (await imageObject(docker, target.familiarName).push({ tag, authconfig: login ?? {}, abortSignal: signal })) as unknown as Readable,
    },
    ctx,
  );
  const aux = messages.find((m) => m.aux?.Digest)?.aux;
  const line = messages.map((m) => /digest:\s*(sha256:[a-f0-9]{64})\s+size:\s*(\d+)/.exec(m.status ?? '')).find(Boolean);
  const { reused, moved } = layerCounts(progress.layers);
  return {
    reference: target.full,
    digest: aux?.Digest ?? line?.[1] ?? null,
    size: aux?.Size ?? (line ? Number(line[2]) : null),
    reused,
    pushed: moved,
    user: login?.username ?? null,
  };
}
