import http from 'node:http';
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
function upgrade(url: string, headers: Record<string, string>): Promise<'open' | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
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

  test('the token in the URL is traded for an HttpOnly cookie and a redirect to /', async () => {
    const answer = await get(new URL(`/?token=${token}`, origin));
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/');
    const setCookie = answer.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toContain(`=${token}`);
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

  test('the WebSocket at /api needs both the cookie and this host’s Origin', async () => {
    const api = `ws://${origin.host}/api`;
    expect(await upgrade(api, { Origin: origin.origin })).toBe(403);
    expect(await upgrade(api, { Origin: 'http://evil.example', Cookie: cookie })).toBe(403);
    expect(await upgrade(api, { Cookie: cookie })).toBe(403);
    // With both, it opens: the refusals above are the checks, not a broken endpoint.
    expect(await upgrade(api, { Origin: origin.origin, Cookie: cookie })).toBe('open');
  });
});
