import type Docker from 'dockerode';
import type { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { ByteProgress, SaveResult } from '../../../shared/archive-types';
import { BackendError } from '../../../shared/errors';
import { baseName } from '../../../shared/host-path';
import { imageObject } from '../engine/engine-objects';
import { toBackendError } from '../engine/engine-errors';
import { readArchive } from '../archives/archive-reader';
import type { JobContext } from '../jobs';
import { writeAtomically } from './atomic-file';
import { byteCounter } from './byte-counter';
import { exportLeaks, finishedWhenGivenUp } from './export-lease';
import { teeTo } from './tee';

export interface SaveArgs {
  refs: string[];
  path: string;
  gzip: boolean;
  overwrite: boolean;
}

/**
 * The engine sends no total for a save: the sum of the distinct images' sizes is the estimate (it
 * counts shared layers once per image, so it errs high, which is the side a progress bar should err on).
 */
async function estimate(docker: Docker, refs: readonly string[]): Promise<number> {
  const sizes = new Map<string, number>();
  for (const ref of refs) {
    const info = (await imageObject(docker, ref).inspect()) as { Id: string; Size?: number };
    sizes.set(info.Id, info.Size ?? 0);
  }
  return [...sizes.values()].reduce((a, b) => a + b, 0);
}

/**
 * `GET /images/get?names=…`: names go in the query, where the modem encodes them. Destroying the stream
 * gives the export up; on an engine that would then keep its content pinned, the engine's answer is
 * read to its end in the background instead (see export-lease).
 */
export async function saveStream(docker: Docker, refs: readonly string[], signal?: AbortSignal): Promise<Readable> {
  try {
    const finish = await exportLeaks(docker);
    // @types/dockerode lacks getImages (GET /images/get, several names in one archive).
    const saver = docker as unknown as { getImages(opts: { names: string[]; abortSignal?: AbortSignal }): Promise<Readable> };
    if (!finish) return await saver.getImages({ names: [...refs], ...(signal ? { abortSignal: signal } : {}) });
    // The engine takes its lease before it answers, so even a request not yet answered is not cut:
    // once the answer comes, a caller that gave up meanwhile gets a stream already given up.
    const answer = await finishedWhenGivenUp(saver.getImages({ names: [...refs] }));
    if (signal?.aborted) {
      answer.destroy();
      signal.throwIfAborted();
    }
    return answer;
  } catch (err) {
    throw toBackendError(err, 'Saving the images');
  }
}

/** Where a save's bytes go: a file renamed into place, or a browser's download. */
type Destination = (source: Readable, through: Transform[], verify: () => Promise<void>) => Promise<number>;

async function saveTo(docker: Docker, refs: readonly string[], gzip: boolean, label: string, destination: Destination, ctx: JobContext<ByteProgress>): Promise<SaveResult> {
  const total = await estimate(docker, refs);
  let phase: ByteProgress['phase'] = 'writing';
  const report = (bytes: number) => ctx.report({ bytes, total, estimated: true, phase });
  report(0);
  const source = await saveStream(docker, refs, ctx.signal);
  const counter = byteCounter(report);
  // The archive is read as it is written, to say which platforms it holds without a second pass.
  const tee = teeTo();
  const contents = readArchive(tee.side, { fileName: label, signal: ctx.signal });
  contents.catch(() => undefined);
  const verify = async () => {
    phase = 'finishing';
    report(counter.bytes);
    await contents.catch((err: unknown) => {
      throw new BackendError('ENGINE_ERROR', 'The engine’s save stream was not a complete image archive, so nothing was kept.', 'Save again; if it keeps failing, check the engine’s log.', err instanceof Error ? err.message : String(err));
    });
  };
  const through = gzip ? [counter, tee.through, createGzip()] : [counter, tee.through];
  const bytes = await destination(source, through, verify);
  const held = await contents;
  return { path: label, bytes, gzip, platforms: [...new Set(held.images.flatMap((i) => i.platforms))].sort(), images: held.images.length };
}

/** `docker save -o path refs…` (or `| gzip >`), written atomically, with the platforms it holds. */
export async function saveImages(docker: Docker, args: SaveArgs, ctx: JobContext<ByteProgress>): Promise<SaveResult> {
  const toFile: Destination = (source, through, verify) => writeAtomically(source, args.path, { overwrite: args.overwrite, signal: ctx.signal, through, verify });
  return { ...(await saveTo(docker, args.refs, args.gzip, baseName(args.path), toFile, ctx)), path: args.path };
}

/**
 * The same save into a stream the caller opens once the engine has answered (so a refusal can still be
 * an HTTP error). The browser keeps its own partial file until the last byte, like any download.
 */
export async function saveImagesToStream(docker: Docker, refs: readonly string[], gzip: boolean, fileName: string, open: () => Writable, ctx: JobContext<ByteProgress>): Promise<SaveResult> {
  const toStream: Destination = async (source, through, verify) => {
    const sink = open();
    const counted = byteCounter(() => undefined);
    await pipeline([source, ...through, counted, sink], { signal: ctx.signal });
    await verify();
    return counted.bytes;
  };
  return saveTo(docker, refs, gzip, fileName, toStream, ctx);
}
