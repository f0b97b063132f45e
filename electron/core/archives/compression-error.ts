export type CompressionFormat = 'gzip' | 'zstd';
export type CompressionFailure = 'corrupt' | 'cut-short' | 'window' | 'dictionary';

/** A decompressor's refusal, kept apart from the source's own read errors (a disk error is not damage). */
export class CompressionError extends Error {
  constructor(
    readonly format: CompressionFormat,
    readonly failure: CompressionFailure,
    readonly detail: string,
    /** For `window`: the window the data asks for. */
    readonly windowBytes = 0,
  ) {
    super(`${format} ${failure}: ${detail}`);
    this.name = 'CompressionError';
  }
}
