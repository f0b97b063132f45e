import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import tar, { type Header } from 'tar-stream';
import type { ArchiveCompression } from '../../../shared/archive-types';
import { problems } from './archive-problems';

export interface EntryInfo {
  type: 'file' | 'symlink' | 'link' | 'directory' | 'other';
  size: number;
  linkname: string | null;
}

export interface RememberedJson {
  bytes: Buffer;
  /** Hex sha256 of the bytes: the image ID of a config, the name of a blob. */
  sha256: string;
}

/** What one pass over the tar leaves behind: every entry's metadata, and the bodies that may be JSON. */
export interface TarScan {
  entries: Map<string, EntryInfo>;
  json: Map<string, RememberedJson>;
  entryCount: number;
  /** More entries than the limit: only the first ones (and the top-level manifests) were recorded. */
  entriesOverflow: boolean;
  /** More small JSON than the limit: the rest was drained unread. */
  jsonOverflow: boolean;
  tarBytes: number;
}

export interface TarWalkLimits {
  maxEntries: number;
  /** A config, manifest or index blob. */
  maxJsonEntry: number;
  /** manifest.json and index.json list every image saved at once, so they get more room. */
  maxTopLevelManifest: number;
  maxJsonTotal: number;
}

export const TAR_WALK_LIMITS: TarWalkLimits = {
  maxEntries: 100_000,
  maxJsonEntry: 1024 * 1024,
  maxTopLevelManifest: 8 * 1024 * 1024,
  maxJsonTotal: 32 * 1024 * 1024,
};

const BLOCK = 512;
const TOP_LEVEL_MANIFESTS = new Set(['manifest.json', 'index.json', 'oci-layout']);
const BLOB_PATH = /^blobs\/sha256\/[a-f0-9]{64}$/;

/** A name inside the archive with `.`, empty parts and leading slashes dropped; null when it climbs out with `..`. */
export function archivePath(name: string): string | null {
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') return null;
    parts.push(part);
  }
  return parts.join('/');
}

/** Where a symlink's target lies, relative to the link's folder; null when it leaves the archive. */
export function resolveLink(from: string, target: string): string | null {
  if (target.startsWith('/')) return null;
  const parts = from.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return parts.join('/');
}

/** Only these can be a manifest, index or config, whatever the layout: everything else is drained. */
function mayBeJson(path: string): boolean {
  return !path.includes('/') || BLOB_PATH.test(path);
}

function kindOf(type: Header['type'] | null | undefined): EntryInfo['type'] {
  if (type === 'file' || type === 'contiguous-file') return 'file';
  if (type === 'symlink' || type === 'link' || type === 'directory') return type;
  return 'other';
}

/** Body chunks kept while they may still be JSON; dropped on the first byte that says otherwise. */
class JsonBody {
  private chunks: Buffer[] = [];
  length = 0;
  looksJson: boolean | null = null;

  add(chunk: Buffer): void {
    if (this.looksJson === false) return;
    if (this.looksJson === null) {
      const first = chunk.find((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
      if (first !== undefined) this.looksJson = first === 0x7b || first === 0x5b;
      if (this.looksJson === false) {
        this.chunks = [];
        return;
      }
    }
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  take(): RememberedJson | null {
    if (this.looksJson !== true) return null;
    // A copy: the chunks are views into the stream's 64 KiB buffers, which must not stay alive.
    const bytes = Buffer.concat(this.chunks);
    return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
  }
}

function isEndOfData(error: unknown): boolean {
  return error instanceof Error && error.message === 'Unexpected end of data';
}

/**
 * Reads the tar stream once, to its end, keeping entry metadata and small JSON-looking bodies and
 * draining everything else. Rejects with an ArchiveProblem for a damaged tar, or with the source's
 * own error (a decompressor's, the disk's) as it came.
 */
export function walkTar(source: Readable, compression: ArchiveCompression, signal?: AbortSignal): Promise<TarScan> {
  const limits = TAR_WALK_LIMITS;
  return new Promise<TarScan>((resolve, reject) => {
    const scan: TarScan = { entries: new Map(), json: new Map(), entryCount: 0, entriesOverflow: false, jsonOverflow: false, tarBytes: 0 };
    // v7 tars (no ustar magic) are tars too; the header checksum still keeps random bytes out.
    const extract = tar.extract({ allowUnknownFormat: true } as Parameters<typeof tar.extract>[0]);
    let jsonTotal = 0;
    let inBody = false;
    let lastEntryEnd = 0;
    let settled = false;

    const settle = (error: unknown, result?: TarScan) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      source.off('data', onData);
      if (error !== null) {
        source.destroy();
        extract.destroy();
        reject(error);
      } else {
        resolve(result!);
      }
    };
    const onAbort = () => settle(new Error('cancelled'));
    const onData = (chunk: Buffer) => {
      scan.tarBytes += chunk.length;
      if (!extract.write(chunk)) {
        source.pause();
        extract.once('drain', () => source.resume());
      }
    };

    const tarError = (error: unknown) => {
      const detail = error instanceof Error ? error.message : String(error);
      if (isEndOfData(error)) {
        if (scan.entryCount === 0 && !inBody) return scan.tarBytes < BLOCK ? problems.notTar(compression) : problems.cutShort('header', scan.tarBytes);
        return problems.cutShort(inBody ? 'entry' : 'header', scan.tarBytes);
      }
      if (scan.entryCount === 0) return problems.notTar(compression);
      return problems.badHeader(lastEntryEnd, detail);
    };

    extract.on('entry', (header, body, next) => {
      body.on('error', () => undefined);
      const path = archivePath(header.name);
      if (path === null) return settle(problems.unsafeName(header.name));
      scan.entryCount += 1;
      const size = header.size ?? 0;
      const offset = (header as Header & { byteOffset?: unknown }).byteOffset;
      lastEntryEnd = typeof offset === 'number' ? offset + Math.ceil(size / BLOCK) * BLOCK : lastEntryEnd;
      const info: EntryInfo = { type: kindOf(header.type), size, linkname: header.linkname ?? null };
      if (scan.entries.size < limits.maxEntries || TOP_LEVEL_MANIFESTS.has(path) || scan.entries.has(path)) scan.entries.set(path, info);
      else scan.entriesOverflow = true;

      const limit = path === 'manifest.json' || path === 'index.json' ? limits.maxTopLevelManifest : limits.maxJsonEntry;
      const json = info.type === 'file' && size <= limit && mayBeJson(path) && !scan.jsonOverflow ? new JsonBody() : null;
      inBody = true;
      body.on('data', (chunk: unknown) => json?.add(chunk as Buffer));
      body.on('end', () => {
        inBody = false;
        const kept = json?.take() ?? null;
        const previous = scan.json.get(path);
        if (previous) {
          jsonTotal -= previous.bytes.length;
          scan.json.delete(path);
        }
        if (kept) {
          if (jsonTotal + kept.bytes.length > limits.maxJsonTotal) {
            scan.jsonOverflow = true;
          } else {
            jsonTotal += kept.bytes.length;
            scan.json.set(path, kept);
          }
        }
        next();
      });
    });
    extract.on('error', (error: unknown) => settle(tarError(error)));
    extract.on('finish', () => {
      if (scan.tarBytes === 0) return settle(problems.empty());
      // tar-stream skips zero blocks silently; a file cut between two entries is only told apart from a
      // whole one by the end marker (zero blocks, two of them from every writer) after the last entry.
      if (scan.tarBytes - lastEntryEnd < BLOCK) return settle(problems.cutShort('end-marker', scan.tarBytes));
      settle(null, scan);
    });
    source.on('error', (error) => settle(error));
    source.on('end', () => extract.end(undefined));
    source.on('close', () => {
      if (!source.readableEnded) settle(Object.assign(new Error('the source closed before its end'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    });
    source.on('data', onData);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
