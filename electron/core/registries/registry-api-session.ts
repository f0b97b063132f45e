import { BackendError } from '../../../shared/errors';
import type { AuthConfig } from './credentials';
import { basicHeader, fetchToken, parseChallenges } from './registry-api-auth';
import { clean, DEFAULT_TIMEOUT_MS, errorsOf, exchange, type Exchange, type HttpOptions } from './registry-api-http';
import { registryTarget, type RegistryTarget } from './registry-api-names';

/**
 * The requests of one API call to one registry: credentials only ever to the registry's own origin
 * (and to the token server its challenge names), tokens kept per scope for this call only, redirects
 * followed on the registry's origin and, for blobs alone, to storage elsewhere without credentials.
 */

export interface RegistryApiOptions {
  /** host[:port]. */
  registry: string;
  auth: AuthConfig | null;
  /** Plain http allowed (the caller decides: loopback or the engine's insecure registries). */
  insecure: boolean;
  /** Per request; default 15 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
}

export interface Session {
  o: RegistryApiOptions;
  target: RegistryTarget;
  http: Omit<HttpOptions, 'name'>;
  tokens: Map<string, string>;
  /** The registry asked for Basic: send it from now on. */
  basic: boolean;
}

export interface Call {
  method: 'GET' | 'DELETE';
  /** "/v2/…", built from checked names only. */
  path: string;
  query?: URLSearchParams;
  accept?: string;
  /** The token scope: "registry:catalog:*", "repository:team/app:pull". */
  scope: string;
  maxBytes: number;
  what: string;
  /** A blob may be redirected to storage on another host (which gets no credentials). */
  blob?: boolean;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_HOPS = 5;

export function openSession(o: RegistryApiOptions): Session {
  const target = registryTarget(o.registry, o.insecure === true);
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new BackendError('INVALID_ARGUMENT', 'The time limit must be a positive number of milliseconds.');
  return { o, target, http: { fetchImpl: o.fetchImpl ?? fetch, timeoutMs, signal: o.signal }, tokens: new Map(), basic: false };
}

function authHeader(s: Session, scope: string): string | null {
  const token = s.tokens.get(scope);
  if (token) return `Bearer ${token}`;
  return s.basic ? basicHeader(s.o.auth) : null;
}

/** Answers a 401 challenge for the next try; false when there is nothing to try. */
async function answerChallenge(s: Session, x: Exchange, scope: string): Promise<boolean> {
  const challenges = parseChallenges(x.headers.get('www-authenticate'));
  const bearer = challenges.find((c) => c.scheme === 'bearer');
  if (bearer) {
    const token = await fetchToken({ challenge: bearer, scope, auth: s.o.auth, registryOrigin: s.target.origin, registryName: s.target.name, insecure: s.o.insecure, http: s.http });
    s.tokens.set(scope, token);
    return true;
  }
  if (challenges.some((c) => c.scheme === 'basic') && !s.basic && basicHeader(s.o.auth) !== null) {
    s.basic = true;
    return true;
  }
  return false;
}

function nextHop(s: Session, x: Exchange, c: Call): URL {
  const location = x.headers.get('location');
  let target: URL | null = null;
  try {
    target = location ? new URL(location, x.url) : null;
  } catch {
    target = null;
  }
  if (!target || !(target.protocol === 'https:' || target.protocol === 'http:') || target.username || target.password) {
    throw new BackendError('ENGINE_ERROR', `${s.target.name} redirected ${c.what} to an address that is not one.`, 'Check the registry\u2019s configuration.');
  }
  if (target.origin === s.target.origin) return target;
  const storageOk = c.blob === true && (target.protocol === 'https:' || s.o.insecure);
  if (!storageOk) {
    throw new BackendError(
      'ENGINE_ERROR',
      `${s.target.name} redirected ${c.what} to another host (${clean(target.host, 100)}); it was not followed.`,
      'A registry answers its API itself. Check the address (and any proxy in front of the registry).',
    );
  }
  return target;
}

/** The final answer of a call, whatever its status (after answering a challenge and following redirects). */
export async function send(s: Session, c: Call): Promise<Exchange> {
  let url = new URL(s.target.origin + c.path);
  if (c.query && [...c.query].length > 0) url.search = c.query.toString();
  let answered = false;
  for (let hops = 0; ; ) {
    const mine = url.origin === s.target.origin;
    const headers: Record<string, string> = {};
    if (c.accept) headers.accept = c.accept;
    const auth = mine ? authHeader(s, c.scope) : null;
    if (auth) headers.authorization = auth;
    const x = await exchange({ ...s.http, name: mine ? s.target.name : `the storage of ${s.target.name} (${url.host})` }, { method: c.method, url, headers, maxBytes: c.maxBytes, what: c.what });
    if (x.status === 401 && mine && !answered) {
      answered = true;
      if (await answerChallenge(s, x, c.scope)) continue;
    }
    if (REDIRECTS.has(x.status)) {
      if (++hops > MAX_HOPS) throw new BackendError('ENGINE_ERROR', `${s.target.name} redirected ${c.what} more than ${MAX_HOPS} times.`, 'Check the registry\u2019s configuration.');
      if (c.method === 'DELETE') throw new BackendError('ENGINE_ERROR', `${s.target.name} redirected the deletion instead of doing it; it was not followed.`, 'Check the registry address.');
      url = nextHop(s, x, c);
      continue;
    }
    return x;
  }
}

export interface Failure {
  notFound: string;
  notFoundHint: string;
}

/** A 2xx answer, or the error its status and the registry's own words make. */
export function ok(s: Session, x: Exchange, c: Call, f: Failure): Exchange {
  if (x.status >= 200 && x.status < 300) return x;
  const words = errorsOf(x.body).messages;
  const said = words.length > 0 ? `: ${words.slice(0, 3).join('; ')}` : '.';
  const name = s.target.name;
  if (x.status === 401 || x.status === 403) {
    const hasCreds = basicHeader(s.o.auth) !== null || Boolean(s.o.auth?.identitytoken);
    return fail(
      new BackendError(
        'AUTH',
        `${name} refused access to ${c.what}${said}`,
        hasCreds ? `Check the username and password for ${name} (log in again), and that this account may use it.` : `Log in to ${name} first (docker login ${name}).`,
      ),
    );
  }
  if (x.status === 404) return fail(new BackendError('NOT_FOUND', `${f.notFound}${words.length > 0 ? ` (${name}: ${words.slice(0, 3).join('; ')})` : ''}`, f.notFoundHint));
  if (x.status === 429) return fail(new BackendError('ENGINE_ERROR', `${name} says there were too many requests${said}`, 'Wait a minute, then try again.'));
  return fail(new BackendError('ENGINE_ERROR', `${name} answered HTTP ${x.status} for ${c.what}${said}`, 'Try again later; if it persists, see the registry\u2019s logs.'));
}

function fail(err: BackendError): never {
  throw err;
}
