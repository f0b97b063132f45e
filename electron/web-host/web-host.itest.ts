import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WS_KEY_PROTOCOL_PREFIX, WS_PATH, WS_PROTOCOL, type ServerMessage } from '../../shared/transport';
import type { Backend } from '../core/backend';
import { backendFor, dockerCli } from '../core/test-support/backend-harness';
import { FIXTURES } from '../../scripts/test-env/fixture-names.mjs';
import { startWebHost, type WebHost } from './server';
import { FIRST_LIST_ELEMENT_ID, parseFirstList } from '../../shared/first-list';
import { buildImage } from '../core/test-support/build-image';
import { forEachEngine } from '../core/test-support/engine-suite';

forEachEngine((engine) => {
  let backend: Backend;
  let host: WebHost;
  let staticDir: string;

  beforeAll(async () => {
    staticDir = mkdtempSync('/tmp/sd-static-');
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Stevedore</title><body><div id="root"></div></body></html>');
    writeFileSync(join(staticDir, 'app.js'), 'console.log(1)');
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'assets', 'index-Ab12Cd34.js'), 'console.log(2)');
    backend = backendFor(engine);
    host = await startWebHost({ backend, staticDir });
  });
  afterAll(async () => {
    await host.close();
    backend.dispose();
    rmSync(staticDir, { recursive: true, force: true });
  });

  interface Reply {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }
  function get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path, headers: { Host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });
  }
  const cookie = () => host.cookie;
  const withKey = () => [WS_PROTOCOL, `${WS_KEY_PROTOCOL_PREFIX}${host.token}`];

  function openSocket(headers: Record<string, string>, protocols: string[] = withKey()): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}${WS_PATH}`, protocols, { headers });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    });
  }

  function callOver(ws: WebSocket, id: number, name: string, args: unknown): Promise<ServerMessage> {
    return new Promise((resolve) => {
      const onMessage = (data: WebSocket.RawData) => {
        const msg = JSON.parse(String(data)) as ServerMessage;
        if (msg.type === 'result' && msg.id === id) {
          ws.off('message', onMessage);
          resolve(msg);
        }
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ type: 'call', id, name, args }));
    });
  }

  describe('web host access control', () => {
    it('listens on loopback and prints a URL that carries the token', () => {
      expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[A-Za-z0-9_-]{32}$`));
    });

    it('refuses a request without the token, and says how to get in', async () => {
      const reply = await get('/');
      expect(reply.status).toBe(401);
      // Whoever started the host (npm run web, a service, a script) saw its URL; the message points there.
      expect(reply.body).toMatch(/open the full URL it printed/);
      expect(reply.body).toMatch(/restart gives it a new one/);
      // Before the page is let in its language is unknown: Chinese is on the next line.
      expect(reply.body).toContain('请打开它启动时打印的完整 URL');
      expect(reply.headers['content-type']).toBe('text/plain; charset=utf-8');
    });

    it('trades the token in the URL for an HttpOnly cookie and drops it from the address', async () => {
      const reply = await get(`/?token=${host.token}`);
      expect(reply.status).toBe(303);
      // The key moves to the fragment, which only the page reads; the cookie is a secret of its own.
      expect(reply.headers.location).toBe(`/#key=${host.token}`);
      expect(String(reply.headers['set-cookie'])).toMatch(new RegExp(`^${host.cookie}; HttpOnly; SameSite=Strict`));
      expect(host.cookie).not.toContain(host.token);
    });

    it('serves the renderer with a strict CSP once the cookie is present', async () => {
      const reply = await get('/', { Cookie: cookie() });
      expect(reply.status).toBe(200);
      expect(reply.body).toContain('<title>Stevedore</title>');
      expect(reply.headers['content-security-policy']).toMatch(/default-src 'self'/);
    });

    it('lets the browser keep the content-named build files, never the page itself', async () => {
      const asset = await get('/assets/index-Ab12Cd34.js', { Cookie: cookie() });
      expect(asset.status).toBe(200);
      expect(asset.headers['cache-control']).toBe('private, max-age=31536000, immutable');
      expect(asset.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect((await get('/', { Cookie: cookie() })).headers['cache-control']).toBe('no-store');
      expect((await get('/app.js', { Cookie: cookie() })).headers['cache-control']).toBe('no-store');
      // The cookie is still required: a cached name is no way in.
      expect((await get('/assets/index-Ab12Cd34.js')).status).toBe(401);
    });

    it('names its cookie after its port, so a second host on this machine neither takes nor replaces it', async () => {
      const other = await startWebHost({ backend, staticDir });
      try {
        expect(host.cookie.split('=')[0]).toBe(`stevedore_token_${host.port}`);
        expect(other.cookie.split('=')[0]).not.toBe(host.cookie.split('=')[0]);
        // A browser sends both hosts' cookies to either port: each reads only its own.
        expect((await get('/', { Cookie: `${other.cookie}; ${host.cookie}` })).status).toBe(200);
        expect((await get('/', { Cookie: other.cookie })).status).toBe(401);
      } finally {
        await other.close();
      }
    });

    it('refuses a wrong token, a foreign Host (DNS rebinding) and a foreign Origin', async () => {
      const wrong = await get('/?token=wrong');
      expect(wrong.status).toBe(401);
      // A stale or mistyped link is told apart from a missing token.
      expect(wrong.body).toMatch(/The token in this link is not the one this Stevedore web host printed/);
      expect(wrong.body).toContain('此链接中的令牌不是');
      expect((await get('/', { Cookie: cookie(), Host: `evil.example:${host.port}` })).status).toBe(421);
      expect((await get('/', { Cookie: cookie(), Origin: 'http://evil.example' })).status).toBe(403);
    });

    it('never serves files outside the renderer folder', async () => {
      expect((await get('/../../etc/passwd', { Cookie: cookie() })).status).toBe(404);
      expect((await get('/%2e%2e/%2e%2e/etc/passwd', { Cookie: cookie() })).status).toBe(404);
    });

    it('refuses a WebSocket without the cookie or from another origin', async () => {
      await expect(openSocket({ Origin: `http://127.0.0.1:${host.port}` })).rejects.toThrow(/403|Unexpected server response/);
      await expect(openSocket({ Cookie: cookie(), Origin: 'http://evil.example' })).rejects.toThrow(/403|Unexpected server response/);
      await expect(openSocket({ Cookie: cookie() })).rejects.toThrow(/403|Unexpected server response/);
      // The cookie alone — which every other server on 127.0.0.1 receives too — opens no API without the key.
      await expect(openSocket({ Cookie: cookie(), Origin: `http://127.0.0.1:${host.port}` }, [WS_PROTOCOL])).rejects.toThrow(/403|Unexpected server response/);
      await expect(openSocket({ Cookie: cookie(), Origin: `http://127.0.0.1:${host.port}` }, [WS_PROTOCOL, `${WS_KEY_PROTOCOL_PREFIX}wrong`])).rejects.toThrow(/403|Unexpected server response/);
    });
  });

  describe('the contract over the WebSocket', () => {
    it('answers calls, survives garbage and malformed calls, and pushes engine events', async () => {
      const ws = await openSocket({ Cookie: cookie(), Origin: `http://127.0.0.1:${host.port}` });
      ws.send('this is not json');
      ws.send(JSON.stringify({ type: 'call', id: 'x' }));
      const bad = await callOver(ws, 1, 'images.inspect', { ref: 42 });
      expect(bad).toMatchObject({ type: 'result', id: 1, outcome: { ok: false, error: { code: 'INVALID_ARGUMENT' } } });
      const good = await callOver(ws, 2, 'images.list', {});
      expect(good).toMatchObject({ type: 'result', id: 2, outcome: { ok: true } });
      const event = new Promise<ServerMessage>((resolve) =>
        ws.on('message', (data) => {
          const msg = JSON.parse(String(data)) as ServerMessage;
          if (msg.type === 'event' && msg.event === 'engine.changed') resolve(msg);
        }),
      );
      const tag = `webhost/event:${Date.now()}`;
      dockerCli(engine, 'tag', FIXTURES.base, tag);
      expect(await event).toMatchObject({ payload: { kinds: expect.arrayContaining(['images']) } });
      dockerCli(engine, 'rmi', tag);
      ws.close();
    });
  });

  describe('the page as the web host serves it', () => {
    /** The list element the host wrote before </body>, read as the HTML parser hands it to the page. */
    const listIn = (html: string) => {
      const open = `<script type="application/json" id="${FIRST_LIST_ELEMENT_ID}">`;
      const start = html.indexOf(open);
      if (start < 0) return null;
      return parseFirstList(html.slice(start + open.length, html.indexOf('</script>', start)));
    };

    it('carries the image list, names and labels that would end a script element intact', async () => {
      const hostile = '</script><script>alert(1)</script><!-- & \u2028';
      const tag = `first-list/hostile:${Date.now().toString(36)}`;
      const id = buildImage(engine, tag, [`FROM ${FIXTURES.base}`, `LABEL evil=${JSON.stringify(hostile)}`]);
      try {
        const reply = await get('/', { Cookie: cookie() });
        expect(reply.status).toBe(200);
        expect(reply.body.endsWith('</body></html>')).toBe(true);
        // One script element only: the label did not close it and open another.
        expect(reply.body.match(/<script/g)).toHaveLength(1);
        const list = listIn(reply.body);
        expect(list?.status).toMatchObject({ state: 'connected', store: { kind: engine.name } });
        const image = list?.images.find((i) => i.repoTags.includes(tag));
        expect(image?.id).toBe(id);
        expect(image?.labels.evil).toBe(hostile);
        // The same images the CLI lists (other test files leave this engine alone while one runs).
        const cliIds = dockerCli(engine, 'images', '--no-trunc', '--format', '{{.ID}}').split('\n').filter(Boolean);
        expect(new Set(list?.images.map((i) => i.id))).toEqual(new Set(cliIds));
      } finally {
        dockerCli(engine, 'rmi', tag);
      }
    });

    it('says the list it wrote is old once the engine changed, and current while it has not', async () => {
      const reply = await get('/', { Cookie: cookie() });
      const generation = listIn(reply.body)?.generation;
      expect(generation).toBeTypeOf('number');
      const ws = await openSocket({ Cookie: cookie(), Origin: `http://127.0.0.1:${host.port}` });
      try {
        expect(await callOver(ws, 1, 'images.changedSince', { generation })).toMatchObject({ outcome: { ok: true, value: false } });
        const tag = `first-list/later:${Date.now().toString(36)}`;
        dockerCli(engine, 'tag', FIXTURES.base, tag);
        try {
          await expect.poll(async () => callOver(ws, 2, 'images.changedSince', { generation }), { timeout: 5000 }).toMatchObject({ outcome: { ok: true, value: true } });
        } finally {
          dockerCli(engine, 'rmi', tag);
        }
      } finally {
        ws.close();
      }
    });
  });
});
