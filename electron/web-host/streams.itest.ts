import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../scripts/test-env/fixture-names.mjs';
import type { ArchivePreview } from '../../shared/archive-types';
import { STREAM_KEY_HEADER, STREAM_PATH, WS_KEY_PROTOCOL_PREFIX, WS_PATH, WS_PROTOCOL } from '../../shared/transport';
import WebSocket from 'ws';
import { readArchive } from '../core/archives/archive-reader';
import type { Backend } from '../core/backend';
import { backendFor, dockerCli, valueOf } from '../core/test-support/backend-harness';
import { forEachEngine } from '../core/test-support/engine-suite';
import { startWebHost, type WebHost } from './server';

forEachEngine((engine) => {
  let backend: Backend;
  let host: WebHost;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync('/tmp/sd-streams-');
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Stevedore</title>');
    backend = backendFor(engine);
    host = await startWebHost({ backend, staticDir: dir, noPagesGraceMs: 300 });
  });
  afterAll(async () => {
    await host.close();
    backend.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  interface Reply {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }
  function send(method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const origin = `http://127.0.0.1:${host.port}`;
      const req = request({ host: '127.0.0.1', port: host.port, method, path, headers: { Host: `127.0.0.1:${host.port}`, Origin: origin, ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }
  const args = (value: unknown) => `args=${encodeURIComponent(JSON.stringify(value))}`;
  const authed = () => ({ Cookie: host.cookie, [STREAM_KEY_HEADER]: host.token });
  /** A page's socket, as the renderer opens it. */
  const openPage = () =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}${WS_PATH}`, [WS_PROTOCOL, `${WS_KEY_PROTOCOL_PREFIX}${host.token}`], { headers: { Cookie: host.cookie, Origin: `http://127.0.0.1:${host.port}` } });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  const json = (reply: Reply) => JSON.parse(reply.body.toString()) as { ok: boolean; value?: Record<string, string>; error?: { code: string; message: string } };

  describe('uploads (a browser’s file, copied to the host)', () => {
    it('need the cookie and the page’s key: the cookie alone (another local server) gets nothing', async () => {
      const body = Buffer.from('x');
      expect((await send('POST', `${STREAM_PATH}uploads.create?${args({ fileName: 'a.tar' })}`, {}, body)).status).toBe(401);
      expect((await send('POST', `${STREAM_PATH}uploads.create?${args({ fileName: 'a.tar' })}`, { Cookie: host.cookie }, body)).status).toBe(403);
      expect((await send('POST', `${STREAM_PATH}uploads.create?${args({ fileName: 'a.tar' })}`, { ...authed(), Origin: 'http://evil.example' }, body)).status).toBe(403);
    });

    it('refuse a file name with a path in it, and unknown streams', async () => {
      const bad = await send('POST', `${STREAM_PATH}uploads.create?${args({ fileName: '../../etc/passwd' })}`, authed(), Buffer.from('x'));
      expect(bad.status).toBe(400);
      expect(json(bad).error?.message).toMatch(/without slashes/);
      expect((await send('POST', `${STREAM_PATH}nope?${args({})}`, authed(), Buffer.from('x'))).status).toBe(404);
    });

    it('arrive whole and can be previewed and loaded by their ID, which is then gone', async () => {
      const saved = join(dir, 'up.tar');
      dockerCli(engine, 'save', '-o', saved, FIXTURES.base);
      const upload = await send('POST', `${STREAM_PATH}uploads.create?${args({ fileName: 'up.tar' })}`, authed(), readFileSync(saved));
      expect(upload.status, upload.body.toString()).toBe(200);
      const { uploadId } = json(upload).value!;
      const preview = valueOf<ArchivePreview>(await backend.call('archives.preview', { source: { kind: 'upload', uploadId } }));
      expect(preview.fileName).toBe('up.tar');
      expect(preview.tagFates.find((f) => f.tag === FIXTURES.base)?.fate).toBe('same');
      expect(valueOf<{ discarded: boolean }>(await backend.call('uploads.discard', { uploadId }))).toEqual({ discarded: true });
      const gone = await backend.call('archives.preview', { source: { kind: 'upload', uploadId } });
      expect(gone.ok ? null : gone.error.code).toBe('NOT_FOUND');
    });

    const uploadOf = async (bytes: Buffer, fileName = 'up.tar') => {
      const reply = await send('POST', `${STREAM_PATH}uploads.create?${args({ fileName })}`, authed(), bytes);
      expect(reply.status, reply.body.toString()).toBe(200);
      return json(reply).value!.uploadId!;
    };
    const previewCode = async (uploadId: string) => {
      const outcome = await backend.call('archives.preview', { source: { kind: 'upload', uploadId } });
      return outcome.ok ? 'there' : outcome.error.code;
    };

    it('are deleted when a load of them fails or is cancelled, not kept for an hour', async () => {
      const saved = join(dir, 'cut.tar');
      dockerCli(engine, 'save', '-o', saved, FIXTURES.base);
      // Cut short: the load job reads it through first and refuses it.
      const uploadId = await uploadOf(readFileSync(saved).subarray(0, 5000));
      const { jobId } = valueOf<{ jobId: string }>(await backend.call('archives.load', { source: { kind: 'upload', uploadId } }));
      await expect.poll(async () => valueOf<{ jobId: string; state: string }[]>(await backend.call('jobs.list', {})).find((j) => j.jobId === jobId)?.state, { timeout: 10_000 }).toBe('failed');
      expect(await previewCode(uploadId)).toBe('NOT_FOUND');
    });

    it('are deleted once no page has been open for a while, and kept across a reload', async () => {
      const ws = await openPage();
      const idle = await uploadOf(Buffer.from('not an archive'));
      ws.close();
      await new Promise((r) => setTimeout(r, 150));
      // A reload's socket comes back within the grace period: nothing is deleted.
      const again = await openPage();
      await new Promise((r) => setTimeout(r, 400));
      expect(await previewCode(idle)).not.toBe('NOT_FOUND');
      again.close();
      await expect.poll(() => previewCode(idle), { timeout: 5000 }).toBe('NOT_FOUND');
    });
  });

  describe('downloads (docker save into the browser)', () => {
    it('work once per ticket, asked for with the key, and stream a complete archive', async () => {
      const ticketReply = await send('POST', `${STREAM_PATH}images.download?${args({ refs: [FIXTURES.base] })}&ticket=1`, authed());
      expect(ticketReply.status, ticketReply.body.toString()).toBe(200);
      const { url } = json(ticketReply).value!;
      const download = await send('GET', url!, { Cookie: host.cookie });
      expect(download.status).toBe(200);
      expect(download.headers['content-disposition']).toBe('attachment; filename="fixture_busybox_1.tar"');
      const contents = await readArchive(Readable.from([download.body]), { fileName: 'download.tar' });
      expect(contents.images.flatMap((i) => i.tags)).toContain(FIXTURES.base);
      expect((await send('GET', url!, { Cookie: host.cookie })).status).toBe(403);
    });

    it('validate the images before handing out a ticket', async () => {
      const bad = await send('POST', `${STREAM_PATH}images.download?${args({ refs: ['../../x'] })}&ticket=1`, authed());
      expect(bad.status).toBe(400);
      const noKey = await send('POST', `${STREAM_PATH}images.download?${args({ refs: [FIXTURES.base] })}&ticket=1`, { Cookie: host.cookie });
      expect(noKey.status).toBe(403);
    });

    it('answer a missing image with 404 and a message, not a broken file', async () => {
      const ticketReply = await send('POST', `${STREAM_PATH}images.download?${args({ refs: ['no-such/image:1'] })}&ticket=1`, authed());
      const { url } = json(ticketReply).value!;
      const download = await send('GET', url!, { Cookie: host.cookie });
      expect(download.status).toBe(404);
      expect(json(download).error?.code).toBe('NOT_FOUND');
    });
  });
});
