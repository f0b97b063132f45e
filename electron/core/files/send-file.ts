import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { ArchiveCompression, ByteProgress } from '../../../shared/archive-types';
import { tarStreamOf } from '../archives/archive-reader';
import type { JobContext } from '../jobs';
import { byteCounter } from './byte-counter';
import type { OpenedSource } from './sources';
import { SEND_BUFFER } from './io-sizes';

/**
 * A file on its way to the engine as a plain tar (decompressed here, whatever the engine supports),
 * with progress counted in the file's own bytes as they are read: the containerd store reports none.
 * After the last byte the engine still works (unpacks, imports), shown as "finishing".
 */
export function fileToEngine(source: OpenedSource, compression: ArchiveCompression, ctx: JobContext<ByteProgress>): { tar: Readable; close(): void; bytes(): number } {
  const total = source.bytes;
  let phase: ByteProgress['phase'] = 'engine';
  const counter = byteCounter((bytes) => ctx.report({ bytes, total, estimated: false, phase }));
  counter.on('end', () => {
    phase = 'finishing';
    ctx.report({ bytes: total, total, estimated: false, phase });
  });
  const raw = createReadStream(source.path, { highWaterMark: SEND_BUFFER }).pipe(counter);
  const tar = tarStreamOf(raw, compression);
  return {
    tar,
    bytes: () => counter.bytes,
    close: () => {
      raw.destroy();
      tar.destroy();
    },
  };
}
