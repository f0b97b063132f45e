import http from 'node:http';
import net from 'node:net';
import WebSocket from 'ws';
import { expect, test } from './fixtures';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
}

function get(url: URL, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
  });
}

/** Tries a WebSocket upgrade; resolves with 'open' or the HTTP status the host refused it with. */
function upgrade(url: string, headers: Record<string, string>, protocols: string[] = []): Promise<'open' | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { headers });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.destroy();
    });
    ws.once('error', (err) => {
      const m = /Unexpected server response: (\d+)/.exec(err.message);
      if (m) resolve(Number(m[1]));
      else reject(err);
    });
  });
}

test.describe('the web host’s doors', () => {
  let origin: URL;
  let token: string;
  let cookie: string;

  test.beforeAll(async ({ e2eEnv }) => {
    const url = new URL(e2eEnv.url);
    origin = new URL(url.origin);
    token = url.searchParams.get('token') ?? '';
    expect(token.length).toBeGreaterThan(16);
    cookie = (await get(url)).headers['set-cookie']?.[0]?.split(';')[0] ?? '';
  });

  test('the token in the URL is traded for an HttpOnly cookie of its own, and handed to the page in the fragment', async () => {
    const answer = await get(new URL(`/?token=${token}`, origin));
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe(`/#key=${token}`);
    const setCookie = answer.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).not.toContain(token);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Strict/i);
  });

  test('without the token or its cookie every request gets 401', async () => {
    expect((await get(new URL('/', origin))).status).toBe(401);
    expect((await get(new URL('/index.html', origin))).status).toBe(401);
    expect((await get(new URL('/?token=wrong', origin))).status).toBe(401);
    // The cookie opens the door.
    expect((await get(new URL('/', origin), { Cookie: cookie })).status).toBe(200);
  });

  test('a foreign Host header gets 421, even with a valid token (DNS rebinding)', async () => {
    expect((await get(new URL('/', origin), { Host: 'evil.example' })).status).toBe(421);
    expect((await get(new URL('/', origin), { Host: `evil.example:${origin.port}`, Cookie: cookie })).status).toBe(421);
    expect((await get(new URL(`/?token=${token}`, origin), { Host: 'rebound.example' })).status).toBe(421);
  });

  test('the WebSocket at /api needs the cookie, this host’s Origin and the page’s key', async () => {
    const api = `ws://${origin.host}/api`;
    const key = ['stevedore.v1', `stevedore.key.${token}`];
    expect(await upgrade(api, { Origin: origin.origin }, key)).toBe(403);
    expect(await upgrade(api, { Origin: 'http://evil.example', Cookie: cookie }, key)).toBe(403);
    expect(await upgrade(api, { Cookie: cookie }, key)).toBe(403);
    // What another server on 127.0.0.1 gets from the browser (the cookie) is not enough.
    expect(await upgrade(api, { Origin: origin.origin, Cookie: cookie }, ['stevedore.v1'])).toBe(403);
    // With both, it opens: the refusals above are the checks, not a broken endpoint.
    expect(await upgrade(api, { Origin: origin.origin, Cookie: cookie }, key)).toBe('open');
  });
});

/** Sends raw bytes to the host and resolves with its status line (or '' when it just closed). */
function rawRequest(origin: URL, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(origin.port), origin.hostname);
    let reply = '';
    socket.on('data', (d) => (reply += d.toString('latin1')));
    socket.on('error', () => resolve(reply.split('\r\n')[0] ?? ''));
    socket.on('close', () => resolve(reply.split('\r\n')[0] ?? ''));
    socket.write(bytes);
    setTimeout(() => socket.destroy(), 1500);
  });
}

/** Opens an authenticated socket, sends frames, and waits until it closes or a moment passes. */
function hostileFrames(origin: URL, cookie: string, key: string, frames: (string | Buffer)[]): Promise<void> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://${origin.host}/api`, ['stevedore.v1', `stevedore.key.${key}`], { headers: { Origin: origin.origin, Cookie: cookie } });
    ws.on('error', () => undefined);
    ws.on('close', () => resolve());
    ws.once('open', () => {
      for (const f of frames) ws.send(f, { binary: false });
      setTimeout(() => ws.close(), 500);
    });
  });
}

test.describe('the web host process under the review’s hostile inputs', () => {
  test('survives each of them while a page stays open, and the page keeps working', async ({ page, images, e2eEnv }) => {
    const url = new URL(e2eEnv.url);
    const origin = new URL(url.origin);
    await expect(images.rows.first()).toBeVisible();
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const hostHeader = `Host: ${origin.host}\r\n`;

    expect(await rawRequest(origin, `GET //[ HTTP/1.1\r\n${hostHeader}\r\n`)).toMatch(/^HTTP\/1\.1 401/);
    expect(await rawRequest(origin, `GET http://[/ HTTP/1.1\r\n${hostHeader}\r\n`)).toMatch(/^HTTP\/1\.1 400/);
    await hostileFrames(origin, cookie, url.searchParams.get('token') ?? '', ['null', '{"name":{"toString":1}}', `{"type":"call","id":1,"name":${'['.repeat(50_000)}${']'.repeat(50_000)}}`, '{"type":"call","id":2,"name":"images.inspect","args":{"ref":"../../../../127.0.0.1:1/x"}}']);
    await hostileFrames(origin, cookie, url.searchParams.get('token') ?? '', ['x'.repeat(1024 * 1024 + 1)]);
    await hostileFrames(origin, cookie, url.searchParams.get('token') ?? '', [Buffer.from([0x7b, 0xff, 0xfe, 0x7d])]);

    // The process is the one global setup started, still alive, and the open page still drives it.
    expect(() => process.kill(e2eEnv.webHostPid, 0)).not.toThrow();
    await images.filter.fill('fixture/busybox');
    await expect(images.rows.first()).toContainText('fixture/busybox');
  });
});

test.describe('the page’s key', () => {
  test('a wrong #key= in the address does not lock out a page the host already let in', async ({ page, images }) => {
    await expect(images.rows.first()).toBeVisible();
    // A mistyped or stale link: the host refuses that key, the page falls back to the one it kept.
    await page.goto(new URL('/#key=not-the-key', page.url()).href);
    // Only the fragment changed, which does not load the page again: a reload does, as opening the link would.
    await page.reload();
    await expect(images.rows.first()).toBeVisible();
    await expect(page).not.toHaveURL(/key=/);
    // The kept key is still the good one: a reload without a fragment gets in too.
    await page.reload();
    await expect(images.rows.first()).toBeVisible();
  });
});
