import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { tokenCookie, WS_KEY_PROTOCOL_PREFIX, WS_PROTOCOL } from '../../shared/transport';

/** Only loopback names with our own port: a DNS-rebound name never matches. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

export function hostAllowed(req: IncomingMessage, port: number): boolean {
  return allowedHosts(port).has(req.headers.host ?? '');
}

/** Browsers send Origin on WebSocket upgrades and cross-origin requests; it must be this very host. */
export function originAllowed(req: IncomingMessage, port: number, required: boolean): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return !required;
  return [...allowedHosts(port)].some((h) => origin === `http://${h}`);
}

export function tokensEqual(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The API key the page offered among its WebSocket subprotocols, if any. */
export function offeredKey(req: IncomingMessage): string | undefined {
  const header = req.headers['sec-websocket-protocol'];
  if (typeof header !== 'string') return undefined;
  const offered = header.split(',').map((p) => p.trim());
  if (!offered.includes(WS_PROTOCOL)) return undefined;
  return offered.find((p) => p.startsWith(WS_KEY_PROTOCOL_PREFIX))?.slice(WS_KEY_PROTOCOL_PREFIX.length);
}

export function cookieToken(req: IncomingMessage, port: number): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === tokenCookie(port)) return rest.join('=');
  }
  return undefined;
}

export interface RequestTarget {
  /** Still percent-encoded, exactly as sent. */
  path: string;
  query: URLSearchParams;
}

/**
 * The request line's target, read without URL(): only origin-form ("/path?query") is accepted, so
 * "http://[/", "//[", "*" or an authority never reach a parser that throws or a different host.
 */
export function parseRequestTarget(raw: string | undefined): RequestTarget | null {
  if (!raw || raw[0] !== '/') return null;
  const q = raw.indexOf('?');
  return { path: q < 0 ? raw : raw.slice(0, q), query: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)) };
}

const SAFE_PATH = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/;

/**
 * Where to send the browser after the token is traded for the cookie: always a path on this host.
 * Dot segments are resolved and leading slashes and backslashes folded into one, so neither
 * "/.//evil.example/" nor "/\\evil.example" can become a protocol-relative address.
 */
export function localRedirect(path: string, query: URLSearchParams): string {
  const segments: string[] = [];
  for (const segment of path.split(/[\\/]+/)) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const clean = `/${segments.join('/')}${path.length > 1 && /[\\/]$/.test(path) && segments.length > 0 ? '/' : ''}`;
  const search = query.toString();
  const target = SAFE_PATH.test(clean) ? clean : '/';
  return search ? `${target}?${search}` : target;
}
