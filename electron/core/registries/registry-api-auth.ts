import * as z from 'zod';
import { BackendError } from '../../../shared/errors';
import type { AuthConfig } from './credentials';
import { clean, errorsOf, exchange, MAX_ERROR_BYTES, parseJson, type Exchange, type HttpOptions } from './registry-api-http';

/**
 * A registry's 401 challenge (`WWW-Authenticate`) and the answer to it: Basic credentials, or a
 * Bearer token fetched from the realm the challenge names, for one scope.
 */

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const AT_SCHEME = new RegExp(`^\\s*(${TOKEN})(?:\\s+|$)`);
const AT_PARAM = new RegExp(`^\\s*(${TOKEN})\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^\\s,"]+))\\s*(?:,|$)`);

/**
 * Every challenge in a WWW-Authenticate value (fetch joins repeated headers with ", "):
 * `Bearer realm="https://auth.example.com/token",service="registry",scope="…", Basic realm="x"`.
 */
export function parseChallenges(header: string | null): Challenge[] {
  const out: Challenge[] = [];
  let rest = (header ?? '').slice(0, 8192);
  while (rest.trim() !== '') {
    const s = AT_SCHEME.exec(rest);
    if (!s) break;
    const challenge: Challenge = { scheme: s[1]!.toLowerCase(), params: {} };
    rest = rest.slice(s[0].length);
    for (;;) {
      const p = AT_PARAM.exec(rest);
      if (!p) break;
      const key = p[1]!.toLowerCase();
      if (!(key in challenge.params)) challenge.params[key] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3]!;
      rest = rest.slice(p[0].length);
    }
    out.push(challenge);
    rest = rest.replace(/^\s*,/, '');
  }
  return out;
}

/** A token or header value that can only be one header value: printable ASCII, no spaces. */
const HEADER_SAFE = /^[\x21-\x7e]{1,16384}$/;

export function basicHeader(auth: AuthConfig | null): string | null {
  if (!auth?.username || auth.password === undefined || auth.password === '') return null;
  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
}

const tokenAnswer = z
  .object({ token: z.string().optional(), access_token: z.string().optional() })
  .passthrough()
  .transform((t) => t.token || t.access_token || '')
  .refine((t) => HEADER_SAFE.test(t), { message: 'no usable token' });

const LOOPBACK = /^(?:127(?:\.\d{1,3}){3}|localhost|\[::1\])$/;

/**
 * The realm URL, if credentials may go there: https always; plain http only when the caller allowed
 * http for this registry and the realm is that same host or loopback.
 */
function realmUrl(realm: string | undefined, registryOrigin: string, insecure: boolean, registryName: string): URL {
  let url: URL | null = null;
  try {
    url = realm ? new URL(realm) : null;
  } catch {
    url = null;
  }
  const plainOk = url?.protocol === 'http:' && insecure && (url.hostname === new URL(registryOrigin).hostname || LOOPBACK.test(url.hostname));
  if (!url || url.username || url.password || !(url.protocol === 'https:' || plainOk)) {
    throw new BackendError(
      'AUTH',
      `${registryName} asks for a token from ${realm ? JSON.stringify(clean(realm, 120)) : 'nowhere'}, which is not an address credentials may be sent to.`,
      'A registry\u2019s token server must be an https:// address (plain http only for a local registry).',
    );
  }
  return url;
}

export interface TokenRequest {
  challenge: Challenge;
  scope: string;
  auth: AuthConfig | null;
  registryOrigin: string;
  registryName: string;
  insecure: boolean;
  http: Omit<HttpOptions, 'name'>;
}

/** A Bearer token for one scope from the challenge's realm (GET with Basic, or POST with an identity token). */
export async function fetchToken(t: TokenRequest): Promise<string> {
  const url = realmUrl(t.challenge.params.realm, t.registryOrigin, t.insecure, t.registryName);
  const query = new URLSearchParams();
  if (t.challenge.params.service) query.set('service', t.challenge.params.service);
  query.set('scope', t.scope);
  const o: HttpOptions = { ...t.http, name: `the token server of ${t.registryName} (${url.host})` };
  const what = `a token for ${t.scope}`;
  const headers: Record<string, string> = { accept: 'application/json' };
  let x: Exchange;
  if (t.auth?.identitytoken) {
    // The CLI's way with an identity token: OAuth2 refresh_token grant, as a form.
    const form = new URLSearchParams(query);
    form.set('grant_type', 'refresh_token');
    form.set('refresh_token', t.auth.identitytoken);
    form.set('client_id', 'stevedore');
    x = await exchange(o, { method: 'POST', url, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString(), maxBytes: MAX_ERROR_BYTES, what });
  } else {
    for (const [k, v] of query) url.searchParams.append(k, v);
    const basic = basicHeader(t.auth);
    x = await exchange(o, { method: 'GET', url, headers: basic ? { ...headers, authorization: basic } : headers, maxBytes: MAX_ERROR_BYTES, what });
  }
  if (x.status === 401 || x.status === 403) {
    const words = errorsOf(x.body).messages[0];
    throw new BackendError(
      'AUTH',
      `${t.registryName} refused the ${t.auth ? 'credentials' : 'anonymous access'}${words ? `: ${words}` : ''}.`,
      `Log in to ${t.registryName} again with an account that may read this repository.`,
    );
  }
  if (x.status < 200 || x.status > 299) {
    throw new BackendError('ENGINE_ERROR', `The token server of ${t.registryName} answered HTTP ${x.status}.`, 'Try again later; if it persists, the registry\u2019s auth service is down.', errorsOf(x.body).messages.join('; ') || undefined);
  }
  return parseJson(x, tokenAnswer, o.name, what, 'a token');
}
