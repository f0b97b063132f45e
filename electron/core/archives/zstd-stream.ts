import { Readable } from 'node:stream';
import { Script, createContext } from 'node:vm';
import { Decompress } from 'fzstd';
import { CompressionError } from './compression-error';
import { ZSTD_BLOCK_LIMIT, ZstdFrameWalk } from './zstd-frames';

/** Blocks handed to fzstd at once: bounds the output of one push (4 × 128 KiB) and the time it takes. */
const SLICE_BLOCKS = 4;
/**
 * fzstd does not bound the sequences of a compressed block: 10 crafted bytes make it loop for
 * minutes, with the event loop (the whole app) frozen. A slice takes milliseconds (a few hundred with
 * a 128 MiB window on a slow machine), so one that takes this long is refused.
 */
const SLICE_TIME_LIMIT_MS = 2_000;
const HELD_BYTES = 256 * 1024;
/** And slices that each stay under the limit must still, together, yield at a decompressor's pace. */
const SLOW_AFTER_MS = 5_000;
const SLOWEST_BYTES_PER_SECOND = 256 * 1024;
/** Window moves allowed before any output pays for them: a fraction of a second of memmove. */
const FREE_WINDOW_MOVES = 2 ** 30;
/** Each byte a block yields pays for this many times its fair share of window moves. */
const MOVES_PER_FAIR_BYTE = 4;
const OUTPUT_HIGH_WATER = 256 * 1024;

// The only way to stop synchronous code: vm's timeout interrupts whatever runs inside the call,
// fzstd's functions included, and the event loop carries on.
const sandbox = createContext({ task: (): void => undefined });
const runTask = new Script('task()');

function withinTimeLimit(task: () => void): void {
  sandbox.task = task;
  try {
    runTask.runInContext(sandbox, { timeout: SLICE_TIME_LIMIT_MS });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new CompressionError('zstd', 'corrupt', `decoding ${SLICE_BLOCKS} blocks took over ${SLICE_TIME_LIMIT_MS} ms`);
    }
    throw error;
  } finally {
    sandbox.task = () => undefined;
  }
}

/**
 * fzstd 0.1 keeps its not-yet-decoded input in a list it empties only when that input is not empty;
 * a chunk ending on a block boundary leaves an empty view in it, and through the view the whole chunk,
 * forever: 512 MiB in, 512 MiB held. An empty list is the same state without the views.
 */
function dropEmptyViews(decoder: Decompress): void {
  const state = decoder as unknown as { c?: unknown; l?: unknown };
  if (state.l === 0 && Array.isArray(state.c) && state.c.length > 0) state.c = [];
}

/**
 * zstd decompression with fzstd (Node 20 has none), pulling from the source only as fast as the
 * reader takes output: one 64 KiB chunk of crafted RLE blocks would otherwise yield gigabytes at once.
 */
export class ZstdDecodeStream extends Readable {
  private readonly walk = new ZstdFrameWalk();
  private readonly decoder: Decompress;
  private readonly decoded: Uint8Array[] = [];
  private input: Uint8Array | null = null;
  private offset = 0;
  private sourceEnded = false;
  private wanted = false;
  private allowance = FREE_WINDOW_MOVES;
  private decodeMs = 0;
  private produced = 0;
  /** Walked input not yet handed to fzstd. */
  private held: Uint8Array[] = [];
  private heldBytes = 0;
  private heldBlocks = 0;

  constructor(private readonly source: Readable) {
    super({ highWaterMark: OUTPUT_HIGH_WATER });
    this.decoder = new Decompress((data) => {
      if (data.length > 0) this.decoded.push(data);
    });
    source.on('readable', () => this.pump());
    source.on('end', () => {
      this.sourceEnded = true;
      this.pump();
    });
    source.on('error', (error) => this.destroy(error));
    source.on('close', () => {
      if (!this.sourceEnded && !this.destroyed) this.destroy(Object.assign(new Error('the source closed before its end'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    });
  }

  override _read(): void {
    this.wanted = true;
    this.pump();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.source.destroy();
    callback(error);
  }

  private pump(): void {
    try {
      while (this.wanted && !this.destroyed) {
        if (this.input === null) {
          const chunk: unknown = this.source.read();
          if (chunk === null) {
            if (this.sourceEnded) this.finish();
            return;
          }
          this.input = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
          this.offset = 0;
        }
        this.decodeSlice(this.input);
      }
    } catch (error) {
      this.destroy(asCompressionError(error));
    }
  }

  /**
   * Walks the next piece of input and, once enough is walked (SLICE_BLOCKS blocks, a frame's end or
   * HELD_BYTES), hands it to fzstd: a file read a byte at a time must not cost a timed call per byte.
   */
  private decodeSlice(input: Uint8Array): void {
    const blocksBefore = this.walk.blocks;
    const end = this.walk.advance(input, this.offset, SLICE_BLOCKS - this.heldBlocks);
    // fzstd moves its whole window once per block: blocks that yield little for a large window are
    // how a few bytes would cost hours, and no real compressor writes many of them.
    if (this.walk.cost > this.allowance) throw new CompressionError('zstd', 'corrupt', 'its blocks yield too little for their window');
    this.held.push(input.subarray(this.offset, end));
    this.heldBytes += end - this.offset;
    this.heldBlocks += this.walk.blocks - blocksBefore;
    this.offset = end;
    if (end >= input.length) this.input = null;
    if (this.heldBlocks >= SLICE_BLOCKS || this.heldBytes >= HELD_BYTES || this.walk.atFrameBoundary) this.decodeHeld();
  }

  private decodeHeld(): void {
    if (this.heldBytes === 0) return;
    const slice = this.held.length === 1 ? this.held[0]! : Buffer.concat(this.held);
    const window = this.walk.window;
    this.held = [];
    this.heldBytes = 0;
    this.heldBlocks = 0;
    const started = performance.now();
    withinTimeLimit(() => this.decoder.push(slice));
    dropEmptyViews(this.decoder);
    this.decodeMs += performance.now() - started;
    let produced = 0;
    for (const data of this.decoded) produced += data.length;
    this.produced += produced;
    this.allowance += produced * MOVES_PER_FAIR_BYTE * Math.max(1, window / ZSTD_BLOCK_LIMIT);
    if (this.decodeMs > SLOW_AFTER_MS && this.produced / (this.decodeMs / 1000) < SLOWEST_BYTES_PER_SECOND) {
      throw new CompressionError('zstd', 'corrupt', `${this.produced} bytes in ${Math.round(this.decodeMs)} ms of decoding`);
    }
    this.flush();
  }

  private flush(): void {
    for (const data of this.decoded.splice(0)) {
      this.wanted = this.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    }
  }

  private finish(): void {
    if (!this.walk.atFrameBoundary) throw new CompressionError('zstd', 'cut-short', 'the data ends inside a frame');
    this.decodeHeld();
    withinTimeLimit(() => this.decoder.push(new Uint8Array(0), true));
    this.flush();
    this.push(null);
    this.wanted = false;
  }
}

/** fzstd's code 5 is "unexpected EOF"; anything else it (or a typed array inside it) throws is damage. */
function asCompressionError(error: unknown): CompressionError {
  if (error instanceof CompressionError) return error;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const detail = error instanceof Error ? error.message : String(error);
  return new CompressionError('zstd', code === 5 ? 'cut-short' : 'corrupt', detail);
}
