import { PassThrough, Transform } from 'node:stream';
import { STREAM_BUFFER } from './io-sizes';

/**
 * A pass-through that also feeds a side reader, waiting for it when it falls behind: reading what is
 * being written (to say which platforms a save holds) costs no second pass over the file and no buffer.
 */
export function teeTo(): { through: Transform; side: PassThrough } {
  const side = new PassThrough({ highWaterMark: STREAM_BUFFER });
  let sideDone = false;
  side.on('close', () => (sideDone = true));
  side.on('error', () => (sideDone = true));
  const through = new Transform({
    highWaterMark: STREAM_BUFFER,
    transform(chunk: Buffer, _encoding, callback) {
      if (sideDone || side.write(chunk)) return callback(null, chunk);
      const go = () => {
        side.off('drain', go);
        side.off('close', go);
        callback(null, chunk);
      };
      side.once('drain', go);
      side.once('close', go);
    },
    flush(callback) {
      side.end();
      callback();
    },
  });
  through.on('close', () => {
    if (!side.writableEnded) side.destroy();
  });
  return { through, side };
}
