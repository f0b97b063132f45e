import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Backend } from '../core/backend';
import { TOKEN_COOKIE, TOKEN_QUERY, WS_PATH, type ServerMessage, type WireCall } from '../../shared/transport';
import { CONTENT_SECURITY_POLICY } from '../../shared/security';
import { cookieToken, hostAllowed, originAllowed, tokensEqual } from './security';
import { serveStatic } from './static-files';

export interface WebHostOptions {
  backend: Backend;
  staticDir: string;
  port?: number;
  /** Loopback by default: the Docker socket is root-equivalent. */
  bind?: string;
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const BASE_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end(text);
}

/** The renderer over HTTP and the contract over one WebSocket, for Chromium in tests or an SSH tunnel. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const bind = options.bind ?? '127.0.0.1';
  let port = 0;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });

  const server: Server = createServer((req, res) => {
    if (!hostAllowed(req, port)) return refuse(res, 421, 'Unexpected Host header: Stevedore answers only to 127.0.0.1, localhost or [::1] on its own port.');
    if (!originAllowed(req, port, false)) return refuse(res, 403, 'Cross-origin requests are refused.');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed.');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const queryToken = url.searchParams.get(TOKEN_QUERY) ?? undefined;
    if (tokensEqual(queryToken, token)) {
      // Trade the token in the URL for a cookie, then drop it from the address bar and history.
      url.searchParams.delete(TOKEN_QUERY);
      res.writeHead(303, { ...BASE_HEADERS, 'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`, Location: url.pathname + url.search });
      res.end();
      return;
    }
    if (!tokensEqual(cookieToken(req), token)) return refuse(res, 401, 'This Stevedore web host needs its access token: open the full URL that `npm run web` printed.');
    void serveStatic(options.staticDir, url.pathname, res, BASE_HEADERS);
  });

  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const path = (req.url ?? '').split('?')[0];
    const ok = path === WS_PATH && hostAllowed(req, port) && originAllowed(req, port, true) && tokensEqual(cookieToken(req), token);
    if (!ok) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws, options.backend));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bind, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = bind.includes(':') ? `[${bind}]` : bind;
  return {
    url: `http://${shownHost}:${port}/?${TOKEN_QUERY}=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function attach(ws: WebSocket, backend: Backend): void {
  const send = (message: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = backend.subscribe((event, payload) => send({ type: 'event', event, payload }));
  ws.on('close', unsubscribe);
  ws.on('message', (data) => {
    let message: Partial<WireCall>;
    try {
      message = JSON.parse(String(data)) as Partial<WireCall>;
    } catch {
      return; // Not our protocol; nothing to answer to.
    }
    if (message.type !== 'call' || typeof message.id !== 'number') return;
    const id = message.id;
    void backend.call(message.name, message.args).then((outcome) => send({ type: 'result', id, outcome }));
  });
}
