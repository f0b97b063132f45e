import type { Readable } from 'node:stream';
import type { ArchiveCompression, ByteProgress } from '../../../shared/archive-types';
import { tarStreamOf } from '../archives/archive-reader';
import type { JobContext } from '../jobs';
import { FileBody } from './file-body';
import type { OpenedSource } from './sources';
import { SEND_BUFFER, STREAM_BUFFER } from './io-sizes';

/**
 * A file on its way to the engine as a plain tar (decompressed here, whatever the engine supports),
 * with progress counted in the file's own bytes as they are read: the containerd store reports none.
 * After the last byte the engine still works (unpacks, imports), shown as "finishing".
 */
export function fileToEngine(source: OpenedSource, compression: ArchiveCompression, ctx: JobContext<ByteProgress>): { tar: Readable; close(): void; bytes(): number } {
  const total = source.bytes;
  const raw = new FileBody(source.path, {
    // A compressed file goes through the decompressor, which is no request: big reads would be garbage.
    chunkSize: compression === 'none' ? SEND_BUFFER : STREAM_BUFFER,
    onBytes: (bytes) => ctx.report({ bytes, total, estimated: false, phase: bytes >= total ? 'finishing' : 'engine' }),
  });
  const tar = tarStreamOf(raw, compression);
  return {
    tar,
    bytes: () => raw.bytesRead,
    close: () => {
      raw.destroy();
      tar.destroy();
    },
  };
}
