import type { Readable, Writable } from 'node:stream';
import type { z } from 'zod';
import type { ByteProgress, SaveResult } from '../../shared/archive-types';
import { streams, type StreamName } from '../../shared/contract';
import { BackendError } from '../../shared/errors';
import { archiveFileName, saveCommand } from '../../shared/file-commands';
import type { EngineConnection } from './engine/connection';
import { saveImagesToStream } from './files/save';
import type { UploadArea } from './files/uploads';
import type { JobContext, JobManager } from './jobs';
import { describeZodError } from './validation';

/** What a host gives a byte stream: the request body for uploads, a sink it opens for downloads. */
export interface StreamIO {
  body: Readable;
  /** The Content-Length the client announced, if any. */
  length: number | null;
  /** Called once the engine has answered, so an earlier refusal can still be a plain error response. */
  open(fileName: string, contentType: string): Writable;
  /** Fires when the client goes away (closed tab, cancelled download). */
  gone: Promise<void>;
}

type StreamArgsOut<N extends StreamName> = z.output<(typeof streams)[N]['args']>;


/** Run a job and wait for its end, for a host request that answers only when the bytes are through. */
function runJob<P, R>(jobs: JobManager, name: string, title: string, io: StreamIO, run: (ctx: JobContext<P>) => Promise<R>): Promise<{ jobId: string; value: R }> {
  return new Promise((resolve, reject) => {
    const jobId = jobs.start<P, R>(name, title, async (ctx) => {
      try {
        const value = await run(ctx);
        resolve({ jobId, value });
        return value;
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
        throw err;
      }
    });
    // The client leaving is a cancel, shown as such in the Tasks panel.
    void io.gone.then(() => jobs.cancel(jobId));
  });
}

export function createStreamHandlers(deps: { engine: EngineConnection; jobs: JobManager; uploads: UploadArea }) {
  const { engine, jobs, uploads } = deps;
  return {
    'images.download': async ({ refs, gzip }: StreamArgsOut<'images.download'>, io: StreamIO) => {
      const fileName = archiveFileName(refs, gzip);
      const docker = await engine.client();
      const { jobId, value } = await runJob<ByteProgress, SaveResult>(jobs, 'images.download', saveCommand(refs, fileName, gzip), io, (ctx) =>
        saveImagesToStream(docker, refs, gzip, fileName, () => io.open(fileName, gzip ? 'application/gzip' : 'application/x-tar'), ctx),
      );
      return { jobId, bytes: value.bytes };
    },
    'uploads.create': async ({ fileName }: StreamArgsOut<'uploads.create'>, io: StreamIO) => {
      const total = io.length;
      const { jobId, value } = await runJob<ByteProgress, { uploadId: string; bytes: number }>(jobs, 'uploads.create', fileName, io, (ctx) => {
        ctx.report({ bytes: 0, total, estimated: false, phase: 'reading' });
        return uploads.receive(io.body, fileName, total, ctx.signal, (bytes) => ctx.report({ bytes, total, estimated: false, phase: 'reading' }));
      });
      // A finished copy is a step of a load or import, not an outcome of its own: it leaves the list
      // (a failed one stays, with its error).
      setImmediate(() => jobs.dismiss([jobId]));
      return { jobId, uploadId: value.uploadId, bytes: value.bytes };
    },
  } satisfies { [N in StreamName]: (args: StreamArgsOut<N>, io: StreamIO) => Promise<unknown> };
}

export function isStreamName(name: unknown): name is StreamName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(streams, name);
}

/** A stream's arguments checked like a call's, with the same wording of what is wrong. */
export function parseStreamArgs<N extends StreamName>(name: N, raw: unknown): StreamArgsOut<N> {
  const parsed = streams[name].args.safeParse(raw ?? {});
  if (!parsed.success) throw new BackendError('INVALID_ARGUMENT', `Invalid arguments for ${name}: ${describeZodError(parsed.error)}`, 'Check the value you entered.');
  return parsed.data as StreamArgsOut<N>;
}
