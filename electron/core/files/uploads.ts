import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { statfs, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BackendError } from '../../../shared/errors';
import { formatSize } from '../../../shared/format';
import { byteCounter } from './byte-counter';
import { STREAM_BUFFER } from './io-sizes';

/** An upload nobody loaded or discarded is removed after this long (a closed tab, a crashed page). */
export const UPLOAD_TTL_MS = 60 * 60 * 1000;

interface Upload {
  path: string;
  fileName: string;
  bytes: number;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Files the web host received from a browser, kept in a private folder of the host's temporary
 * directory until loaded, discarded or expired. Only an ID names one: no path from outside is used.
 */
export class UploadArea {
  private dir: string | null = null;
  private readonly uploads = new Map<string, Upload>();
  /** Uploads a load or import is reading now: never swept. */
  private readonly inUse = new Map<string, number>();

  constructor(private readonly root = tmpdir()) {}

  /** Stream a request body to disk; refuse at once if the announced size cannot fit. */
  async receive(body: Readable, fileName: string, announced: number | null, signal: AbortSignal, onBytes: (n: number) => void): Promise<{ uploadId: string; bytes: number }> {
    this.dir ??= mkdtempSync(join(this.root, 'stevedore-uploads-'));
    if (announced !== null) {
      const fs = await statfs(this.dir);
      const free = fs.bavail * fs.bsize;
      if (announced > free) {
        body.resume();
        throw new BackendError('IO', `${fileName} (${formatSize(announced)}) does not fit in the host’s temporary folder (${formatSize(free)} free).`, 'Free some space on the host, or copy the file there and load it by path.');
      }
    }
    const uploadId = randomBytes(16).toString('base64url');
    const path = join(this.dir, uploadId);
    const counter = byteCounter(onBytes);
    try {
      await pipeline(body, counter, createWriteStream(path, { flags: 'wx', mode: 0o600, highWaterMark: STREAM_BUFFER }), { signal });
    } catch (err) {
      await unlink(path).catch(() => undefined);
      throw err;
    }
    if (announced !== null && counter.bytes !== announced) {
      await unlink(path).catch(() => undefined);
      throw new BackendError('IO', `${fileName} arrived incomplete (${formatSize(counter.bytes)} of ${formatSize(announced)}).`, 'Drop the file again.');
    }
    const timer = setTimeout(() => void this.discard(uploadId), UPLOAD_TTL_MS);
    timer.unref();
    this.uploads.set(uploadId, { path, fileName, bytes: counter.bytes, timer });
    return { uploadId, bytes: counter.bytes };
  }

  resolve(uploadId: string): { path: string; fileName: string } {
    const upload = this.uploads.get(uploadId);
    if (!upload) throw new BackendError('NOT_FOUND', 'That uploaded file is no longer on the host (loaded, discarded, or kept longer than an hour).', 'Drop the file again.').translatedAs('files.uploadGone');
    return { path: upload.path, fileName: upload.fileName };
  }

  /** Marks an upload as read by a job until the returned release is called. */
  claim(uploadId: string): () => void {
    this.inUse.set(uploadId, (this.inUse.get(uploadId) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const n = (this.inUse.get(uploadId) ?? 1) - 1;
      if (n > 0) this.inUse.set(uploadId, n);
      else this.inUse.delete(uploadId);
    };
  }

  /**
   * Deletes every upload no job is reading: once no page is open, no dialog is left to load or
   * import them (a closed tab sends nothing), and a multi-GB copy should not wait an hour.
   */
  async discardIdle(): Promise<number> {
    const idle = [...this.uploads.keys()].filter((id) => !this.inUse.has(id));
    for (const id of idle) await this.discard(id);
    return idle.length;
  }

  async discard(uploadId: string): Promise<boolean> {
    const upload = this.uploads.get(uploadId);
    if (!upload) return false;
    this.uploads.delete(uploadId);
    clearTimeout(upload.timer);
    await unlink(upload.path).catch(() => undefined);
    return true;
  }

  dispose(): void {
    for (const u of this.uploads.values()) clearTimeout(u.timer);
    this.uploads.clear();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
  }
}
