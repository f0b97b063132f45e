import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { BackendError } from '../../../shared/errors';
import type { TransferProgress } from '../../../shared/registry-types';
import type { JobContext } from '../jobs';
import { JsonObjectSplitter } from '../engine/event-stream';
import { daemonText, toBackendError, type NodeishError } from '../engine/engine-errors';
import { registryError, type TransferVerb } from './registry-errors';
import { applyMessage, startProgress, type TransferMessage } from './transfer-progress';

/**
 * With no word from the engine for this long the registry is taken to be unreachable: the engine's own
 * retries can otherwise keep a pull of an unanswering host waiting for minutes.
 */
export const STALL_MS = 60_000;

export interface Transfer {
  verb: TransferVerb;
  /** The name as shown to the user and in errors. */
  reference: string;
  registry: string;
  /** Starts the engine request; aborting `signal` must end it. */
  open(signal: AbortSignal): Promise<Readable>;
  stallMs?: number;
}

export interface TransferOutcome {
  progress: TransferProgress;
  messages: TransferMessage[];
}

/**
 * Reads a pull or push stream to its end. The engine answers 200 and then reports a registry failure
 * as an `error` object inside the stream: that becomes AUTH, NOT_FOUND, NETWORK or TIMEOUT here.
 * Only the non-layer messages are kept (a handful), so a long stream does not pile up in memory.
 */
export async function runTransfer(transfer: Transfer, ctx: JobContext<TransferProgress>): Promise<TransferOutcome> {
  const { verb, reference, registry } = transfer;
  const controller = new AbortController();
  const stop = () => controller.abort(ctx.signal.reason);
  ctx.signal.addEventListener('abort', stop, { once: true });
  let stalled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = true;
      controller.abort();
    }, transfer.stallMs ?? STALL_MS);
  };
  let progress = startProgress(reference);
  const kept: TransferMessage[] = [];
  try {
    arm();
    let stream: Readable;
    try {
      stream = await transfer.open(controller.signal);
    } catch (err) {
      throw failure(err);
    }
    ctx.report(progress);
    const splitter = new JsonObjectSplitter();
    const decoder = new StringDecoder('utf8');
    let failed: string | null = null;
    try {
      for await (const chunk of stream) {
        arm();
        for (const value of splitter.push(decoder.write(chunk as Buffer))) {
          if (typeof value !== 'object' || value === null) continue;
          const message = value as TransferMessage;
          const error = message.errorDetail?.message ?? message.error;
          if (typeof error === 'string' && failed === null) failed = error;
          const next = applyMessage(progress, message);
          if (next !== progress) ctx.report((progress = next));
          if (message.aux || (typeof message.status === 'string' && message.id === undefined && kept.length < 100)) kept.push(message);
        }
      }
    } catch (err) {
      throw failure(err);
    }
    if (failed !== null) throw registryError(failed, verb, reference, registry);
    ctx.signal.throwIfAborted();
    return { progress, messages: kept };
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener('abort', stop);
  }

  function failure(err: unknown): BackendError {
    if (ctx.signal.aborted) return new BackendError('CANCELLED', `The ${verb} of ${reference} was cancelled.`);
    if (stalled) return registryError('timeout: no answer', verb, reference, registry);
    const text = daemonText((err ?? {}) as NodeishError);
    const status = (err as { statusCode?: number } | null)?.statusCode;
    // The engine's own refusals of a registry request come as 4xx/5xx with the registry's words.
    if (typeof status === 'number' && text) return registryError(text, verb, reference, registry);
    return toBackendError(err, `${verb} ${reference}`);
  }
}
