import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import type { ByteProgress, ExportResult, ImportResult } from '../../../shared/archive-types';
import { BackendError } from '../../../shared/errors';
import { parseTagTarget } from '../../../shared/reference';
import { containerObject } from '../engine/engine-objects';
import { toBackendError } from '../engine/engine-errors';
import { writeAtomically } from '../files/atomic-file';
import { byteCounter } from '../files/byte-counter';
import type { JobContext } from '../jobs';

/** `docker export -o`: the container's filesystem, flattened, written atomically like a save. */
export async function exportContainer(docker: Docker, args: { id: string; path: string; overwrite: boolean }, ctx: JobContext<ByteProgress>): Promise<ExportResult> {
  // The engine sends no total, and asking it to size the filesystem first would cost a second walk.
  const total = null;
  const counter = byteCounter((bytes) => ctx.report({ bytes, total, estimated: true, phase: 'writing' }));
  ctx.report({ bytes: 0, total, estimated: true, phase: 'writing' });
  let source: Readable;
  try {
    source = (await containerObject(docker, args.id).export({ abortSignal: ctx.signal })) as Readable;
  } catch (err) {
    throw toBackendError(err, 'Exporting the container');
  }
  const bytes = await writeAtomically(source, args.path, { overwrite: args.overwrite, signal: ctx.signal, through: [counter] });
  return { path: args.path, bytes };
}

/** `docker commit`: a container's changes become a new image layer on top of its image. */
export async function commitContainer(
  docker: Docker,
  args: { id: string; name?: string; author: string; message: string; changes: string[]; pause: boolean },
  ctx: JobContext<{ phase: 'committing' }>,
): Promise<ImportResult> {
  ctx.report({ phase: 'committing' });
  const query: Record<string, string | string[] | boolean> = { pause: args.pause };
  if (args.name) {
    const verdict = parseTagTarget(args.name);
    if (!verdict.ok) throw new BackendError('INVALID_ARGUMENT', verdict.message);
    query.repo = verdict.ref.familiarName;
    if (verdict.ref.tag) query.tag = verdict.ref.tag;
  }
  if (args.author !== '') query.author = args.author;
  if (args.message !== '') query.comment = args.message;
  if (args.changes.length > 0) query.changes = args.changes;
  try {
    const answer = (await containerObject(docker, args.id).commit({ ...query, abortSignal: ctx.signal })) as { Id?: string; id?: string };
    const id = answer.Id ?? answer.id;
    if (!id) throw new BackendError('ENGINE_ERROR', 'The engine committed the container but did not say which image it made.');
    return { id, name: args.name ?? null };
  } catch (err) {
    throw toBackendError(err, 'Committing the container');
  }
}
