import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { BackendError } from '../../../shared/errors';

/** One object of the engine's JSON progress stream (load, import). */
export interface EngineMessage {
  stream?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
}

/**
 * Read the engine's answer to a load or import to the end. A failure arrives inside a 200 stream as an
 * `error` object; it becomes an error here with the engine's words as detail.
 */
export function followEngine(docker: Docker, response: Readable, what: string, hint: string): Promise<EngineMessage[]> {
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(response, (err: Error | null, messages: EngineMessage[]) => {
      if (err) return reject(new BackendError('ENGINE_ERROR', `${what}: the engine failed.`, hint, err.message));
      const failed = messages.find((m) => m.error || m.errorDetail?.message);
      if (failed) return reject(new BackendError('ENGINE_ERROR', `${what}: the engine refused it.`, hint, failed.errorDetail?.message ?? failed.error));
      resolve(messages);
    });
  });
}
