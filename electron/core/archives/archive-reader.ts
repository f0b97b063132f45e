import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import type { ArchiveCompression, ArchiveContents } from '../../../shared/archive-types';
import { BackendError } from '../../../shared/errors';
import { describeArchive } from './archive-layouts';
import { ArchiveProblem, problems } from './archive-problems';
import { compressionFailureOf, sniffCompression, tarStreamOf } from './compression';
import type { CompressionError } from './compression-error';
import { ZSTD_WINDOW_LIMIT } from './zstd-frames';
import { walkTar } from './tar-walk';
import { splitHead } from './stream-head';

export { normaliseArchiveName } from './archive-names';
export { sniffCompression, tarStreamOf } from './compression';

/** An error of the stream handed in (a disk, a socket): never the file's fault, so never "damaged". */
class SourceError extends Error {
  constructor(readonly source: unknown) {
    super(source instanceof Error ? source.message : String(source));
    this.name = 'SourceError';
  }
}

function compressionProblem(failure: CompressionError): ArchiveProblem {
  switch (failure.failure) {
    case 'window':
      return problems.zstdWindow(failure.windowBytes, ZSTD_WINDOW_LIMIT);
    case 'dictionary':
      return problems.zstdDictionary();
    case 'cut-short':
      return problems.compressionCutShort(failure.format, failure.detail);
    default:
      return problems.compressionCorrupt(failure.format, failure.detail);
  }
}

function sourceFailure(error: unknown, fileName: string): BackendError {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const detail = error instanceof Error ? error.message : String(error);
  if (code === 'ENOENT') return new BackendError('NOT_FOUND', `${fileName} does not exist.`, 'Check the path, or choose the file again.', detail);
  if (code === 'EACCES' || code === 'EPERM') return new BackendError('PERMISSION_DENIED', `Stevedore may not read ${fileName}.`, 'Give your user read access to the file, or copy it somewhere you can read.', detail);
  if (code === 'EISDIR') return new BackendError('INVALID_ARGUMENT', `${fileName} is a folder, not an image archive.`, 'Choose the .tar file inside it.', detail);
  return new BackendError('IO', `Stevedore could not read ${fileName}: the file stopped being readable part-way.`, 'Check the disk or network share the file is on, then retry.', detail);
}

function asBackendError(error: unknown, fileName: string, signal: AbortSignal | undefined): BackendError {
  if (signal?.aborted) return new BackendError('CANCELLED', `Reading ${fileName} was cancelled.`);
  if (error instanceof BackendError) return error;
  if (error instanceof ArchiveProblem) return error.toBackendError(fileName);
  if (error instanceof SourceError) return sourceFailure(error.source, fileName);
  const failure = compressionFailureOf(error);
  if (failure) return compressionProblem(failure).toBackendError(fileName);
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (code === 'ERR_STREAM_PREMATURE_CLOSE') return sourceFailure(error, fileName);
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new BackendError('INTERNAL', `Stevedore could not read ${fileName}: something went wrong on its side.`, 'Please report this, with the file if you can share it.', detail);
}

/** Reads the whole archive once, streaming (never holding layer bodies in memory), and says what images it holds. */
export async function readArchive(raw: Readable, opts: { fileName: string; signal?: AbortSignal }): Promise<ArchiveContents> {
  const { fileName, signal } = opts;
  let tar: Readable | null = null;
  // Until the tar walk takes over, cancelling has to end the wait for the first bytes itself.
  const onAbort = () => raw.destroy();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (signal?.aborted) throw new Error('cancelled');
    const { head, stream } = await splitHead(raw, 4, (error) => new SourceError(error));
    tar = stream;
    if (head.length === 0) throw problems.empty();
    const compression: ArchiveCompression = sniffCompression(head);
    tar = tarStreamOf(stream, compression);
    const scan = await walkTar(tar, compression, signal);
    const { layout, images } = describeArchive(scan);
    return { compression, layout, images, tarBytes: scan.tarBytes };
  } catch (error) {
    throw asBackendError(error, fileName, signal);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // Every path ends here: a stream left open would hold the file (and on Windows, lock it).
    tar?.destroy();
    raw.destroy();
  }
}

/** Convenience: open a file path, sniff, read. */
export async function readArchiveFile(path: string, opts: { signal?: AbortSignal } = {}): Promise<ArchiveContents> {
  return readArchive(createReadStream(path), { fileName: basename(path), ...opts });
}
