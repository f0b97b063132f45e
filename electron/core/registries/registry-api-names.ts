import { BackendError } from '../../../shared/errors';

/**
 * What may go into a Registry API v2 URL, checked before any request: a repository name, a tag, a
 * digest, a page cursor. And the one thing read back out of a Link header: the next page's `last`.
 */

// Docker's grammar writes the separator `[._]|__|[-]*`; `-+` matches the same names (an empty
// separator only splits a run of letters) without the catastrophic backtracking `[-]*` gives a
// backtracking regex engine on a long near-miss ("aaaa…a!").
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REPOSITORY = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);
const TAG = /^[\w][\w.-]{0,127}$/;
const SHA256 = /^sha256:[a-f0-9]{64}$/;
/** Any well-formed digest, as found inside a manifest (only sha256 ones are ever fetched). */
export const ANY_DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,256}$/;
const LABEL = '[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?';
const HOST = new RegExp(`^(?:\\[[0-9a-fA-F:.]{2,45}\\]|${LABEL}(?:\\.${LABEL})*)(?::([0-9]{1,5}))?$`);
/** Docker Hub's names for itself; its Registry API lives on registry-1.docker.io. */
const HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
const MAX_REPOSITORY = 255;
const MAX_CURSOR = 1024;
export const MAX_PAGE = 10_000;

function shown(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

export function isRepository(name: string): boolean {
  return name.length <= MAX_REPOSITORY && REPOSITORY.test(name);
}
export const isTag = (tag: string): boolean => TAG.test(tag);
export const isSha256Digest = (digest: string): boolean => SHA256.test(digest);

export function checkRepository(name: unknown): string {
  if (typeof name !== 'string' || !isRepository(name)) {
    throw new BackendError(
      'INVALID_ARGUMENT',
      `${typeof name === 'string' ? shown(name) : 'That'} is not a repository name.`,
      'A repository name is lowercase letters and digits, separated by ".", "_", "__", "-" or "/" (such as team/app).',
    );
  }
  return name;
}

export function checkReference(reference: unknown): string {
  if (typeof reference === 'string' && (isTag(reference) || isSha256Digest(reference))) return reference;
  throw new BackendError(
    'INVALID_ARGUMENT',
    `${typeof reference === 'string' ? shown(reference) : 'That'} is neither a tag nor a digest.`,
    'A tag is up to 128 letters, digits, "_", "." or "-" (not starting with "." or "-"); a digest is sha256: and 64 hex digits.',
  );
}

export function checkDigest(digest: unknown): string {
  if (typeof digest === 'string' && isSha256Digest(digest)) return digest;
  throw new BackendError('INVALID_ARGUMENT', `${typeof digest === 'string' ? shown(digest) : 'That'} is not a digest.`, 'A digest is sha256: followed by 64 lowercase hex digits.');
}

/** The query of a page request: `n` a whole number 1…10000, `last` an opaque cursor without control characters. */
export function pageQuery(page: { last?: string; n?: number } | undefined): URLSearchParams {
  const query = new URLSearchParams();
  if (page?.n !== undefined) {
    if (!Number.isInteger(page.n) || page.n < 1 || page.n > MAX_PAGE) throw new BackendError('INVALID_ARGUMENT', `A page holds 1 to ${MAX_PAGE} entries, not ${String(page.n)}.`);
    query.set('n', String(page.n));
  }
  if (page?.last !== undefined) {
    // eslint-disable-next-line no-control-regex
    if (typeof page.last !== 'string' || page.last === '' || page.last.length > MAX_CURSOR || /[\u0000-\u001f\u007f]/.test(page.last)) {
      throw new BackendError('INVALID_ARGUMENT', 'That page cursor is not one a registry gave.', 'Start again from the first page.');
    }
    query.set('last', page.last);
  }
  return query;
}

export interface RegistryTarget {
  /** "https://host:port", the only origin that ever gets credentials or is followed to. */
  origin: string;
  /** How messages name the registry: what the caller passed, lowercased. */
  name: string;
  hub: boolean;
}

/** The registry's API origin from host[:port]; anything with a scheme, a path or user info is refused. */
export function registryTarget(registry: unknown, insecure: boolean): RegistryTarget {
  const host = typeof registry === 'string' ? registry.trim().toLowerCase() : '';
  const m = host.length > 261 ? null : HOST.exec(host);
  const port = m?.[1] === undefined ? null : Number(m[1]);
  if (!m || (port !== null && (port < 1 || port > 65535))) {
    throw new BackendError(
      'INVALID_ARGUMENT',
      `${typeof registry === 'string' ? shown(registry) : 'That'} is not a registry address.`,
      'Use a registry host with an optional port, such as registry.example.com:5000.',
    );
  }
  const hub = HUB.has(host);
  const origin = new URL(`${insecure && !hub ? 'http' : 'https'}://${hub ? 'registry-1.docker.io' : host}/`).origin;
  return { origin, name: host, hub };
}

/** Docker Hub keeps official images under library/: "nginx" there is "library/nginx". */
export function apiRepository(target: RegistryTarget, repository: string): string {
  return target.hub && !repository.includes('/') ? `library/${repository}` : repository;
}

/** One link-value of a Link header: `<uri>; rel="next"; other=params`. */
const LINK = /^\s*<([^<>]*)>\s*((?:;\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+\s*=\s*(?:"[^"]*"|[^;,"\s]*)\s*)*)$/;
const PARAM = /;\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*(?:"([^"]*)"|([^;,"\s]*))/g;

/**
 * The `last` value of the rel="next" link, or null: when there is none, when it is not well-formed,
 * or when it points anywhere but the same endpoint on the same registry (a page is never followed
 * to another host).
 */
export function nextFromLink(header: string | null, requestUrl: URL): string | null {
  if (!header || header.length > 8192) return null;
  // A URI inside <> may hold commas; split only on commas that begin a new <link>.
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = LINK.exec(part);
    if (!m) continue;
    const params = [...m[2]!.matchAll(PARAM)].map((p) => [p[1]!.toLowerCase(), (p[2] ?? p[3] ?? '').toLowerCase()] as const);
    if (!params.some(([k, v]) => k === 'rel' && v.split(/\s+/).includes('next'))) continue;
    let target: URL;
    try {
      target = new URL(m[1]!, requestUrl);
    } catch {
      return null;
    }
    if (target.origin !== requestUrl.origin || target.pathname !== requestUrl.pathname || target.username || target.password) return null;
    const last = target.searchParams.get('last');
    // eslint-disable-next-line no-control-regex
    return last && last.length <= MAX_CURSOR && !/[\u0000-\u001f\u007f]/.test(last) ? last : null;
  }
  return null;
}
