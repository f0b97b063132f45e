import * as z from 'zod';
import { BackendError } from '../../../shared/errors';

/**
 * One HTTP exchange with a registry (or its token server, or a blob store it redirects to): a time
 * limit per request joined with the caller's signal, a bounded body, and fetch's failures turned
 * into NETWORK / TIMEOUT / CANCELLED errors that name the host and never carry a secret.
 */

export const DEFAULT_TIMEOUT_MS = 15_000;
/** The most a manifest, a config blob or a JSON listing may weigh. */
export const MAX_JSON_BYTES = 4 * 1024 * 1024;
/** An error answer is read only this far, for its message. */
export const MAX_ERROR_BYTES = 64 * 1024;

export interface Exchange {
  status: number;
  headers: Headers;
  url: URL;
  body: Buffer;
}

export interface HttpOptions {
  fetchImpl: typeof fetch;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  /** How messages name the far end ("registry.example.com", "the token server auth.example.com"). */
  name: string;
}

export interface ExchangeRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: URL;
  headers: Record<string, string>;
  body?: string;
  /** Read a 2xx body up to this many bytes (past it: an error); 0 skips it. */
  maxBytes: number;
  /** What is being asked, for messages ("the catalog", "manifest team/app:1"). */
  what: string;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function causeOf(err: unknown): { code?: string; message?: string } {
  const cause = (err as { cause?: unknown } | null)?.cause ?? err;
  const c = (cause ?? {}) as { code?: unknown; message?: unknown; errors?: unknown };
  // Happy eyeballs: an AggregateError whose parts hold the codes.
  const first = Array.isArray(c.errors) ? (c.errors[0] as { code?: unknown } | undefined) : undefined;
  const code = typeof c.code === 'string' ? c.code : typeof first?.code === 'string' ? first.code : undefined;
  return { code, message: typeof c.message === 'string' ? c.message.slice(0, 500) : undefined };
}

export function timeoutError(o: HttpOptions, what: string): BackendError {
  return new BackendError('TIMEOUT', `${o.name} did not answer within ${Math.round(o.timeoutMs / 1000)} s while reading ${what}.`, 'Check that the registry is up and reachable, then try again.');
}

/** What fetch (or reading its body) threw, as our error. */
export function transportError(err: unknown, o: HttpOptions, timer: AbortSignal, what: string): BackendError {
  if (err instanceof BackendError) return err;
  if (o.signal?.aborted) return new BackendError('CANCELLED', `Reading ${what} from ${o.name} was cancelled.`);
  const { code, message } = causeOf(err);
  if (timer.aborted || (code !== undefined && TIMEOUT_CODES.has(code))) return timeoutError(o, what);
  const detail = [code, message].filter(Boolean).join(': ') || undefined;
  if (code !== undefined && NETWORK_CODES.has(code)) {
    const refused = code === 'ECONNREFUSED' ? 'refused the connection' : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'is not a known host name' : 'closed the connection';
    return new BackendError('NETWORK', `${o.name} ${refused} while reading ${what}.`, 'Check the address, the port and your network, then try again.', detail);
  }
  if (message && /bad port/i.test(message)) {
    return new BackendError('NETWORK', `${o.name} uses a port that HTTP clients refuse to connect to.`, 'Serve the registry on another port (such as 5000 or 443).', detail);
  }
  if ((code && /^(ERR_SSL|EPROTO|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED|ERR_TLS)/.test(code)) || (message && /ssl|tls|certificate/i.test(message))) {
    return new BackendError(
      'NETWORK',
      `A secure (HTTPS) connection to ${o.name} could not be made.`,
      'If this registry serves plain HTTP, list it in the engine\u2019s insecure-registries; if its certificate is private, trust its CA on this machine.',
      detail,
    );
  }
  return new BackendError('NETWORK', `${o.name} could not be reached while reading ${what}.`, 'Check the address and your network, then try again.', detail);
}

/** The body, read no further than max bytes: past it the stream is cancelled and null returned. */
async function readBounded(res: Response, max: number): Promise<Buffer | null> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel().catch(() => {});
    return null;
  }
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** One request, redirects never followed here (the caller decides), body read within the limits. */
export async function exchange(o: HttpOptions, r: ExchangeRequest): Promise<Exchange> {
  const timer = AbortSignal.timeout(o.timeoutMs);
  const signal = o.signal ? AbortSignal.any([o.signal, timer]) : timer;
  if (o.signal?.aborted) throw new BackendError('CANCELLED', `Reading ${r.what} from ${o.name} was cancelled.`);
  try {
    const res = await o.fetchImpl(r.url, { method: r.method, headers: r.headers, body: r.body, redirect: 'manual', signal, cache: 'no-store', credentials: 'omit' });
    const ok = res.status >= 200 && res.status < 300;
    if (ok && r.maxBytes === 0) {
      await res.body?.cancel().catch(() => {});
      return { status: res.status, headers: res.headers, url: r.url, body: Buffer.alloc(0) };
    }
    const body = await readBounded(res, ok ? r.maxBytes : MAX_ERROR_BYTES);
    if (body === null && ok) {
      throw new BackendError(
        'ENGINE_ERROR',
        `${o.name} answered more than ${Math.round(r.maxBytes / 1024)} KiB for ${r.what}, more than any real answer; reading stopped.`,
        'Check that the address is a registry (and not another server), then try again.',
      );
    }
    return { status: res.status, headers: res.headers, url: r.url, body: body ?? Buffer.alloc(0) };
  } catch (err) {
    throw transportError(err, o, timer, r.what);
  }
}

const registryErrors = z.object({
  errors: z.array(z.object({ code: z.string().max(100).optional(), message: z.string().max(4096).optional() }).passthrough()).max(50),
});
/** Docker Hub's token server: `{ "details": "incorrect username or password" }`. */
const tokenErrors = z.object({ details: z.string().max(4096) });

/** Printable, one line, short: what a hostile server says is shown, never trusted. */
export function clean(text: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** The error codes and messages of a registry's `{ errors: [{ code, message }] }` answer. */
export function errorsOf(body: Buffer): { codes: string[]; messages: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return { codes: [], messages: [] };
  }
  const parsed = registryErrors.safeParse(json);
  if (parsed.success) {
    return {
      codes: parsed.data.errors.flatMap((e) => (e.code ? [clean(e.code, 50)] : [])),
      messages: parsed.data.errors.flatMap((e) => (e.message ? [clean(e.message)] : [])).filter(Boolean),
    };
  }
  const hub = tokenErrors.safeParse(json);
  return { codes: [], messages: hub.success ? [clean(hub.data.details)].filter(Boolean) : [] };
}

/** JSON of a 2xx body, checked against a schema; anything else says what was expected. */
export function parseJson<T>(x: Exchange, schema: z.ZodType<T>, name: string, what: string, expected: string): T {
  let json: unknown;
  try {
    json = JSON.parse(x.body.toString('utf8'));
  } catch {
    json = undefined;
  }
  const parsed = json === undefined ? null : schema.safeParse(json);
  if (!parsed?.success) {
    const why = parsed ? parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ') : 'not JSON';
    throw new BackendError('ENGINE_ERROR', `${name} answered something that is not ${expected} for ${what}.`, 'Check that the address is a Docker registry (Registry API v2).', clean(why, 500));
  }
  return parsed.data;
}
