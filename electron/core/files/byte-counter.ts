import { Transform } from 'node:stream';
import { STREAM_BUFFER } from './io-sizes';

/** Passes bytes through unchanged and tells how many went by: progress measured on our side. */
export function byteCounter(onBytes: (total: number) => void): Transform & { readonly bytes: number } {
  let bytes = 0;
  const counter = new Transform({
    highWaterMark: STREAM_BUFFER,
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      onBytes(bytes);
      callback(null, chunk);
    },
  });
  return Object.defineProperty(counter, 'bytes', { get: () => bytes }) as Transform & { readonly bytes: number };
}
