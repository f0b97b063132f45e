import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ArchiveCompression } from '../../../shared/archive-types';
import { CompressionError } from './compression-error';
import { ZstdDecodeStream } from './zstd-stream';

/** Detects compression from the first bytes: gzip (1f 8b), zstd (28 b5 2f fd), else 'none'. */
export function sniffCompression(head: Uint8Array): ArchiveCompression {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  return 'none';
}

/**
 * Wraps a raw file stream: decompresses gzip (node:zlib) or zstd (fzstd) and returns the tar byte
 * stream. Destroying the result destroys `raw`. A decompressor's failure arrives as a CompressionError
 * (zstd) or zlib's own error (gzip): compressionFailureOf tells them from the source's errors.
 */
export function tarStreamOf(raw: Readable, compression: ArchiveCompression): Readable {
  if (compression === 'none') return raw;
  if (compression === 'zstd') return new ZstdDecodeStream(raw);
  // pipeline destroys raw when gunzip is destroyed (by the reader or by an error), and the other way round.
  return pipeline(raw, createGunzip(), () => undefined);
}

/** The decompressor's verdict in an error from tarStreamOf's stream, or null for any other error. */
export function compressionFailureOf(error: unknown): CompressionError | null {
  if (error instanceof CompressionError) return error;
  if (!(error instanceof Error)) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('Z_')) return null;
  // zlib says "unexpected end of file" (Z_BUF_ERROR) for a cut stream and Z_DATA_ERROR for damage.
  return new CompressionError('gzip', code === 'Z_BUF_ERROR' ? 'cut-short' : 'corrupt', error.message);
}
