import { open, type FileHandle } from 'node:fs/promises';
import { ClientRequest } from 'node:http';
import { Readable } from 'node:stream';

export interface FileBodyOptions {
  /** Bytes per read. */
  chunkSize: number;
  /** The file's bytes handed on so far, after each read. */
  onBytes?: (total: number) => void;
}

/**
 * A file sent as an HTTP request body (`docker load`, `docker import`). Read in big pieces, the engine
 * takes it as fast as from the docker CLI; but fresh buffers of that size are garbage the collector
 * lets pile up, which raised the web host's peak memory by tens of MiB. So when it is piped into the
 * request itself (as dockerode does), two buffers take turns: one is read into while the other is
 * written, and a buffer is read into again only once the request has called back for it, which an
 * HTTP request does after its bytes went to the socket. Read any other way (piped anywhere else,
 * 'data' listeners, async iteration), it is a plain file stream with a fresh buffer per read.
 */
export class FileBody extends Readable {
  private handle: Promise<FileHandle> | null = null;
  private bytes = 0;

  constructor(
    private readonly path: string,
    private readonly options: FileBodyOptions,
  ) {
    super({ highWaterMark: options.chunkSize });
  }

  get bytesRead(): number {
    return this.bytes;
  }

  override pipe<T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T {
    // Only a request is known to be done with a chunk when it calls back; a PassThrough, say, calls
    // back as soon as it has queued the chunk, and reusing the buffer then would change queued bytes.
    if (!(destination instanceof ClientRequest) || this.readableFlowing !== null || options?.end === false) return super.pipe(destination, options);
    this.pump(destination).then(
      () => this.destroy(),
      (err: unknown) => this.destroy(err instanceof Error ? err : new Error(String(err))),
    );
    return destination;
  }

  override _read(): void {
    const buffer = Buffer.allocUnsafe(this.options.chunkSize);
    this.readInto(buffer).then(
      (n) => this.push(n === 0 ? null : buffer.subarray(0, n)),
      (err: unknown) => this.destroy(err instanceof Error ? err : new Error(String(err))),
    );
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const handle = this.handle;
    this.handle = null;
    if (!handle) return callback(error);
    handle.then(
      (h) => h.close(),
      () => undefined,
    ).then(
      () => callback(error),
      () => callback(error),
    );
  }

  private async readInto(buffer: Buffer): Promise<number> {
    this.handle ??= open(this.path, 'r');
    const { bytesRead } = await (await this.handle).read(buffer, 0, buffer.length, null);
    this.bytes += bytesRead;
    this.options.onBytes?.(this.bytes);
    return bytesRead;
  }

  private async pump(request: ClientRequest): Promise<void> {
    const buffers = [Buffer.allocUnsafe(this.options.chunkSize), Buffer.allocUnsafe(this.options.chunkSize)];
    let inFlight: Promise<void> = Promise.resolve();
    for (let turn = 0; ; turn ^= 1) {
      // This buffer's last write was waited for in the previous turn, before the other one was sent.
      const n = await this.readInto(buffers[turn]!);
      await inFlight;
      if (n === 0) break;
      if (request.destroyed) throw new Error('the request was closed before the file was sent');
      inFlight = new Promise<void>((resolve, reject) => request.write(buffers[turn]!.subarray(0, n), (err) => (err ? reject(err) : resolve())));
      // Its failure is seen when it is waited for, after the next read; not as an unhandled rejection.
      inFlight.catch(() => undefined);
    }
    request.end();
  }
}
