import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileBody } from './file-body';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('a file sent as a request body', () => {
  let dir: string;
  let server: Server;
  let port: number;
  /** What the server does with a body: read it slowly (so writes queue up), or hang up early. */
  let mode: 'slow' | 'hang-up' = 'slow';
  const received: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sd-file-body-'));
    server = createServer((req, res) => {
      if (mode === 'hang-up') {
        req.once('data', () => req.socket.destroy());
        return;
      }
      const hash = createHash('sha256');
      req.pause();
      // A reader slower than the sender: every buffer is written while the other is read into.
      const tick = setInterval(() => {
        for (let i = 0; i < 16; i++) {
          const chunk = (req.read(64 * 1024) ?? req.read()) as Buffer | null;
          if (!chunk) break;
          hash.update(chunk);
        }
      }, 1);
      req.on('end', () => {
        clearInterval(tick);
        received.push(hash.digest('hex'));
        res.end('ok');
      });
      req.on('readable', () => undefined);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const fileOf = (bytes: Buffer) => {
    const path = join(dir, `f-${Math.random().toString(36).slice(2)}`);
    writeFileSync(path, bytes);
    return path;
  };
  function post(body: FileBody): Promise<string> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/' }, (res) => {
        res.resume();
        res.on('end', () => resolve(received.at(-1) ?? ''));
      });
      req.on('error', reject);
      body.on('error', (err) => req.destroy(err));
      body.pipe(req);
    });
  }

  it('arrives byte for byte though its two buffers are read into again and again', async () => {
    mode = 'slow';
    for (const size of [0, 1, 4096, 64 * 1024 * 7 + 13, 24 * 1024 * 1024 + 5]) {
      const bytes = randomBytes(size);
      const seen: number[] = [];
      const body = new FileBody(fileOf(bytes), { chunkSize: 64 * 1024, onBytes: (n) => seen.push(n) });
      expect(await post(body)).toBe(sha(bytes));
      expect(body.bytesRead).toBe(size);
      expect(seen.at(-1) ?? 0).toBe(size);
    }
  });

  it('is a plain file stream into anything but a request, where a buffer may be held after the write', async () => {
    const bytes = randomBytes(64 * 1024 * 5 + 7);
    const held: Buffer[] = [];
    // A PassThrough calls back as soon as it has queued a chunk: reusing buffers would change held bytes.
    const queue = new PassThrough({ highWaterMark: 1 << 30 });
    new FileBody(fileOf(bytes), { chunkSize: 64 * 1024 }).pipe(queue);
    await new Promise((r) => queue.once('finish', r));
    for await (const c of queue) held.push(c as Buffer);
    expect(sha(Buffer.concat(held))).toBe(sha(bytes));
  });

  it('stops and closes its file when the other side hangs up, instead of waiting forever', async () => {
    mode = 'hang-up';
    const body = new FileBody(fileOf(randomBytes(4 << 20)), { chunkSize: 64 * 1024 });
    const closed = new Promise((r) => body.once('close', r));
    await expect(post(body)).rejects.toThrow();
    await closed;
    expect(body.destroyed).toBe(true);
  });

  it('says which file is missing', async () => {
    mode = 'slow';
    await expect(post(new FileBody(join(dir, 'nope.tar'), { chunkSize: 1024 }))).rejects.toThrow(/ENOENT.*nope\.tar/);
  });
});
