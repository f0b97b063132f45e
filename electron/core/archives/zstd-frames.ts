import { CompressionError } from './compression-error';

/**
 * A walk over zstd frame and block headers, ahead of fzstd. fzstd trusts what it reads: it allocates
 * whatever window a frame header asks for (up to 2 GiB), accepts blocks larger than the format allows,
 * and moves its whole window once per block, so a few crafted bytes could take gigabytes of memory or
 * hours of CPU. The walk refuses such frames before fzstd sees them and tells the decoder how much
 * window-moving each slice of input will cost.
 */

/** zstd -d refuses larger windows unless told --memory; so do we (ZSTD_WINDOWLOG_LIMIT_DEFAULT = 27). */
export const ZSTD_WINDOW_LIMIT = 2 ** 27;
export const ZSTD_BLOCK_LIMIT = 128 * 1024;
const FRAME_MAGIC = 0xfd2fb528;
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;

const corrupt = (detail: string) => new CompressionError('zstd', 'corrupt', detail);

type State =
  | { at: 'magic' }
  | { at: 'frame-header'; size: number }
  | { at: 'skip-length' }
  | { at: 'skip'; left: number }
  | { at: 'block-header' }
  | { at: 'block-body'; left: number; last: boolean }
  | { at: 'checksum'; left: number };

export class ZstdFrameWalk {
  private state: State = { at: 'magic' };
  /** Bytes of a header split across chunks. */
  private pending: number[] = [];
  private windowBytes = 0;
  private hasChecksum = false;
  /** Window bytes fzstd will move for the blocks walked so far: its cost grows with window × blocks. */
  cost = 0;
  frames = 0;
  blocks = 0;

  /** The current frame's window: a block of it yields at most min(window, 128 KiB). */
  get window(): number {
    return this.windowBytes;
  }

  /** Where the input may end without being cut short. */
  get atFrameBoundary(): boolean {
    return this.state.at === 'magic' && this.pending.length === 0 && this.frames > 0;
  }

  /**
   * Walks `chunk` from `from` and returns where it stopped: at the chunk's end, after `maxBlocks`
   * block headers, or at the end of a frame.
   */
  advance(chunk: Uint8Array, from: number, maxBlocks: number): number {
    let i = from;
    let blocks = 0;
    for (;;) {
      const s = this.state;
      if (s.at === 'skip' || s.at === 'block-body' || s.at === 'checksum') {
        const take = Math.min(s.left, chunk.length - i);
        i += take;
        s.left -= take;
        if (s.left > 0) return i;
        // An empty block or skippable frame ends here even when the chunk does too.
        if (s.at === 'block-body' && !s.last) {
          this.state = { at: 'block-header' };
          if (blocks >= maxBlocks) return i;
          continue;
        }
        if (s.at === 'block-body' && this.hasChecksum) {
          this.state = { at: 'checksum', left: 4 };
          continue;
        }
        this.state = { at: 'magic' };
        return i;
      }
      if (i >= chunk.length) return i;
      this.pending.push(chunk[i]!);
      i += 1;
      const n = this.pending.length;
      if (s.at === 'magic') {
        if (n === 4) this.readMagic();
      } else if (s.at === 'skip-length') {
        if (n === 4) this.state = { at: 'skip', left: this.takeLittleEndian() };
      } else if (s.at === 'frame-header') {
        if (n === 1) s.size = frameHeaderSize(this.pending[0]!);
        if (n === s.size) this.readFrameHeader();
      } else if (n === 3) {
        this.readBlockHeader();
        blocks += 1;
      }
    }
  }

  private takeLittleEndian(): number {
    const value = this.pending.reduce((sum, byte, k) => sum + byte * 2 ** (8 * k), 0);
    this.pending = [];
    return value;
  }

  private readMagic(): void {
    const magic = this.takeLittleEndian();
    if (magic === FRAME_MAGIC) this.state = { at: 'frame-header', size: 0 };
    else if ((magic & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) this.state = { at: 'skip-length' };
    else throw corrupt(`not a zstd frame (magic ${magic.toString(16)})`);
  }

  private readFrameHeader(): void {
    const h = this.pending;
    this.pending = [];
    const descriptor = h[0]!;
    if (descriptor & 0x08) throw corrupt('reserved bit set in a zstd frame header');
    const singleSegment = (descriptor >> 5) & 1;
    const dictionaryBytes = DICTIONARY_ID_BYTES[descriptor & 3]!;
    const contentSizeFlag = descriptor >> 6;
    let at = 1;
    let window = 0;
    if (!singleSegment) {
      const wd = h[at]!;
      at += 1;
      const base = 2 ** (10 + (wd >> 3));
      window = base + (base / 8) * (wd & 7);
    }
    const dictionary = littleEndian(h, at, dictionaryBytes);
    at += dictionaryBytes;
    const contentBytes = contentSizeFlag === 0 ? singleSegment : 1 << contentSizeFlag;
    const content = littleEndian(h, at, contentBytes) + (contentSizeFlag === 1 ? 256 : 0);
    if (singleSegment) window = content;
    if (dictionary !== 0) throw new CompressionError('zstd', 'dictionary', 'the frame names a dictionary');
    if (window > ZSTD_WINDOW_LIMIT) throw new CompressionError('zstd', 'window', `the frame asks for a window of ${window} bytes`, window);
    this.windowBytes = window;
    this.hasChecksum = ((descriptor >> 2) & 1) === 1;
    this.frames += 1;
    this.state = { at: 'block-header' };
  }

  private readBlockHeader(): void {
    const [a, b, c] = this.pending as [number, number, number];
    this.pending = [];
    const header = a | (b << 8) | (c << 16);
    const last = (header & 1) === 1;
    const type = (header >> 1) & 3;
    const size = header >> 3;
    if (type === 3) throw corrupt('reserved zstd block type');
    // An RLE block's size is what it yields; raw and compressed blocks have the same bound.
    const limit = Math.min(this.windowBytes, ZSTD_BLOCK_LIMIT);
    if (size > limit) throw corrupt(`zstd block of ${size} bytes in a frame allowing ${limit}`);
    this.cost += this.windowBytes;
    this.blocks += 1;
    this.state = { at: 'block-body', left: type === 1 ? 1 : size, last };
  }
}

const DICTIONARY_ID_BYTES = [0, 1, 2, 4];

function littleEndian(bytes: number[], at: number, length: number): number {
  let value = 0;
  for (let k = 0; k < length; k += 1) value += bytes[at + k]! * 2 ** (8 * k);
  return value;
}

/** Bytes of the frame header after the magic, from its first byte (the descriptor). */
function frameHeaderSize(descriptor: number): number {
  const singleSegment = (descriptor >> 5) & 1;
  const contentSizeFlag = descriptor >> 6;
  const contentBytes = contentSizeFlag === 0 ? singleSegment : 1 << contentSizeFlag;
  return 1 + (singleSegment ? 0 : 1) + DICTIONARY_ID_BYTES[descriptor & 3]! + contentBytes;
}
