import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Backend } from '../core/backend';
import { KEY_FRAGMENT, STREAM_PATH, tokenCookie, TOKEN_QUERY, WS_PATH, WS_PROTOCOL } from '../../shared/transport';
import { CONTENT_SECURITY_POLICY } from '../../shared/security';
import { stderrLog, type HostLog } from './host-log';
import { cookieToken, hostAllowed, localRedirect, offeredKey, originAllowed, parseRequestTarget, tokensEqual } from './security';
import { attachSession } from './socket-session';
import { serveIndex } from './index-page';
import { serveStatic } from './static-files';
import { createStreamRoutes } from './stream-routes';

export interface WebHostOptions {
  backend: Backend;
  staticDir: string;
  port?: number;
  /** Loopback by default: the Docker socket is root-equivalent. */
  bind?: string;
  token?: string;
  /** Where survived faults are reported (stderr by default). */
  log?: HostLog;
  /** How long after the last page closed its uploads are deleted (default NO_PAGES_GRACE_MS). */
  noPagesGraceMs?: number;
}

/** How long the host waits, once no page is open, before deleting files copied for pages now gone. */
export const NO_PAGES_GRACE_MS = 60_000;

export interface WebHost {
  url: string;
  port: number;
  /** The URL token: traded for the cookie, and the page's API key for the WebSocket. */
  token: string;
  /** The Cookie header the trade sets (a secret of its own, so a leaked cookie opens no API). */
  cookie: string;
  close(): Promise<void>;
}

/** The largest WebSocket frame a page ever needs; larger ones close that socket (1009), nothing else. */
export const MAX_FRAME_BYTES = 1024 * 1024;
/** Open pages at once: a person has a few tabs; hundreds of sockets is someone holding memory. */
export const MAX_SESSIONS = 32;

const BASE_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/**
 * The build names every file under assets/ by its content, so a reload or a second tab takes them
 * from the browser's cache, compiled code included, instead of fetching and parsing a megabyte again.
 */
const ASSETS_PATH = '/assets/';
/** The page itself, served with the image list written in (see index-page). */
const INDEX_PATHS = new Set(['/', '/index.html']);
const ASSET_HEADERS = { ...BASE_HEADERS, 'Cache-Control': 'private, max-age=31536000, immutable' };

// The page's own language is not known before it is let in: both of Stevedore's languages, one per line.
const NEEDS_TOKEN = [
  'This Stevedore web host needs its access token: open the full URL it printed when it started (a restart gives it a new one).',
  '此 Stevedore 网页主机需要访问令牌：请打开它启动时打印的完整 URL（每次重启都会生成新的令牌）。',
].join('\n');
const WRONG_TOKEN = [
  'The token in this link is not the one this Stevedore web host printed: open the full URL it printed when it last started (a restart gives it a new one).',
  '此链接中的令牌不是该 Stevedore 网页主机打印的令牌：请打开它最近一次启动时打印的完整 URL（每次重启都会生成新的令牌）。',
].join('\n');

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end(text);
}

interface Secrets {
  token: string;
  cookieSecret: string;
}

type StreamHandler = ReturnType<typeof createStreamRoutes>;

function handleRequest(req: IncomingMessage, res: ServerResponse, port: number, { token, cookieSecret }: Secrets, options: WebHostOptions, log: HostLog, handleStream: StreamHandler): void {
  if (!hostAllowed(req, port)) return refuse(res, 421, 'Unexpected Host header: Stevedore answers only to 127.0.0.1, localhost or [::1] on its own port.');
  if (!originAllowed(req, port, false)) return refuse(res, 403, 'Cross-origin requests are refused.');
  const target = parseRequestTarget(req.url);
  if (!target) return refuse(res, 400, 'Bad request target: Stevedore serves paths like /index.html only.');
  if (target.path.startsWith(STREAM_PATH)) {
    if (!tokensEqual(cookieToken(req, port), cookieSecret)) {
      req.resume();
      return refuse(res, 401, NEEDS_TOKEN);
    }
    return handleStream(req, res, target.path, target.query);
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed.');
  if (tokensEqual(target.query.get(TOKEN_QUERY) ?? undefined, token)) {
    // Trade the token in the URL for a cookie, then move it from the query (sent to servers, kept in
    // history) to the fragment, where only the page reads it, keeps it per port, and drops it.
    target.query.delete(TOKEN_QUERY);
    const location = `${localRedirect(target.path, target.query)}#${KEY_FRAGMENT}=${token}`;
    res.writeHead(303, { ...BASE_HEADERS, 'Set-Cookie': `${tokenCookie(port)}=${cookieSecret}; HttpOnly; SameSite=Strict; Path=/`, Location: location });
    res.end();
    return;
  }
  if (!tokensEqual(cookieToken(req, port), cookieSecret)) return refuse(res, 401, target.query.has(TOKEN_QUERY) ? WRONG_TOKEN : NEEDS_TOKEN);
  const served = req.method === 'GET' && INDEX_PATHS.has(target.path) ? serveIndex(options.staticDir, res, BASE_HEADERS, (ms) => options.backend.firstList(ms)) : serveStatic(options.staticDir, target.path, res, target.path.startsWith(ASSETS_PATH) ? ASSET_HEADERS : BASE_HEADERS);
  served.catch((err: unknown) => {
    log('a file could not be served', err);
    if (!res.headersSent) refuse(res, 500, 'The file could not be read.');
    else res.destroy();
  });
}

/** The renderer over HTTP and the contract over one WebSocket, for Chromium in tests or an SSH tunnel. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const secrets: Secrets = { token, cookieSecret: randomBytes(24).toString('base64url') };
  const bind = options.bind ?? '127.0.0.1';
  const log = options.log ?? stderrLog;
  let port = 0;
  // The key protocol is checked at the upgrade; the socket then speaks plain stevedore.v1.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, handleProtocols: () => WS_PROTOCOL });
  const sessions = { count: () => wss.clients.size };
  wss.on('error', (err) => log('websocket server error', err));

  // A reload reopens its socket within a second or two; a page gone for longer has left its uploads.
  let noPagesTimer: NodeJS.Timeout | null = null;
  const whenLastPageCloses = () => {
    if (wss.clients.size > 0 || noPagesTimer) return;
    noPagesTimer = setTimeout(() => {
      noPagesTimer = null;
      if (wss.clients.size === 0) options.backend.noPagesOpen().catch((err: unknown) => log('uploads could not be cleared', err));
    }, options.noPagesGraceMs ?? NO_PAGES_GRACE_MS);
    noPagesTimer.unref();
  };
  const handleStream = createStreamRoutes(options.backend, () => port, token, BASE_HEADERS, log);
  // No overall request timeout (Node's default is 5 minutes): a multi-GB upload or download takes what
  // it takes. Headers must still arrive within headersTimeout, so a stalled client holds nothing long.
  const server: Server = createServer({ requestTimeout: 0 }, (req, res) => {
    // Every byte of a request is hostile: whatever throws answers this request only.
    try {
      handleRequest(req, res, port, secrets, options, log, handleStream);
    } catch (err) {
      log('a request could not be handled', err);
      if (!res.headersSent) refuse(res, 400, 'Bad request.');
      else res.destroy();
    }
  });
  // Malformed request lines and headers: answer 400 on that connection and close it.
  server.on('clientError', (err, socket: Duplex) => {
    if ((err as NodeJS.ErrnoException).code !== 'ECONNRESET' && socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  server.on('connection', (socket: Socket) => socket.on('error', () => socket.destroy()));

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      const target = parseRequestTarget(req.url);
      const ok =
        target?.path === WS_PATH &&
        hostAllowed(req, port) &&
        originAllowed(req, port, true) &&
        tokensEqual(cookieToken(req, port), secrets.cookieSecret) &&
        tokensEqual(offeredKey(req), token) &&
        sessions.count() < MAX_SESSIONS;
      if (!ok) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        attachSession(ws, options.backend, log);
        ws.on('close', whenLastPageCloses);
      });
    } catch (err) {
      log('an upgrade could not be handled', err);
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bind, () => resolve());
  });
  server.on('error', (err) => log('server error', err));
  port = (server.address() as AddressInfo).port;
  const shownHost = bind.includes(':') ? `[${bind}]` : bind;
  return {
    url: `http://${shownHost}:${port}/?${TOKEN_QUERY}=${token}`,
    port,
    token,
    cookie: `${tokenCookie(port)}=${secrets.cookieSecret}`,
    close: () =>
      new Promise<void>((resolve) => {
        if (noPagesTimer) clearTimeout(noPagesTimer);
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
