import { Transform } from 'node:stream';

/** Passes bytes through unchanged and tells how many went by: progress measured on our side. */
export function byteCounter(onBytes: (total: number) => void): Transform & { readonly bytes: number } {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      onBytes(bytes);
      callback(null, chunk);
    },
  });
  return Object.defineProperty(counter, 'bytes', { get: () => bytes }) as Transform & { readonly bytes: number };
}
