import { isUnprintable } from './invisible-chars';
/**
 * Docker's image reference grammar (distribution/reference), used by the tag dialog as the user types
 * and by the backend before it calls the engine, so both sides give the same verdict and words.
 */

export const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DOMAIN = 'index.docker.io';
const OFFICIAL_PREFIX = 'library/';
const MAX_NAME = 255;

const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = new RegExp(`^${ALNUM}(?:${SEPARATOR}${ALNUM})*$`);
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const IPV6 = /^\[[a-fA-F0-9:]+\]$/;
const TAG = /^[\w][\w.-]{0,127}$/;
/** go-digest's registered algorithms and the exact lowercase hex each one has. */
const DIGEST_HEX: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
const HEX64 = /^[a-f0-9]{64}$/;

/** A full image ID (`sha256:` and 64 hex digits), as the engine names an image without a name. */
export const isImageId = (ref: string): boolean => ref.startsWith('sha256:') && HEX64.test(ref.slice(7));

export type ReferenceProblem =
  | 'empty'
  | 'hex-id'
  | 'uppercase'
  | 'name-too-long'
  | 'empty-component'
  | 'bad-component'
  | 'bad-domain'
  | 'bad-port'
  | 'bad-tag'
  | 'bad-digest'
  | 'digest-not-allowed'
  | 'bad-character'
  | 'scheme'
  | 'ambiguous-name';

export interface ParsedReference {
  /** Registry host[:port]; docker.io when none was given. */
  domain: string;
  /** Repository path on that registry, with library/ for official images. */
  path: string;
  tag: string | null;
  digest: string | null;
  /** docker.io/library/nginx:latest — every part spelled out. */
  full: string;
  /** nginx:latest — how the CLI prints it (docker.io and library/ dropped). */
  familiar: string;
  /** Repository as `docker images` shows it: nginx, myreg:5000/team/app. */
  familiarName: string;
}

export type ReferenceVerdict = { ok: true; ref: ParsedReference } | { ok: false; problem: ReferenceProblem; message: string; part?: string };

const fail = (problem: ReferenceProblem, message: string, part?: string): ReferenceVerdict => (part === undefined ? { ok: false, problem, message } : { ok: false, problem, message, part });

/** A character as the user can read it: a space, a control or an invisible character by its code point. */
export function visibleChar(c: string): string {
  if (c === ' ') return 'space';
  return isUnprintable(c) ? `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}` : c;
}

function checkDigest(digest: string): ReferenceVerdict | null {
  const colon = digest.indexOf(':');
  const algorithm = digest.slice(0, colon);
  const hex = digest.slice(colon + 1);
  const length = DIGEST_HEX[algorithm];
  if (colon < 0 || length === undefined) return fail('bad-digest', `"${digest}" is not a digest: it starts with sha256:, sha384: or sha512:.`, digest);
  if (!new RegExp(`^[a-f0-9]{${length}}$`).test(hex)) return fail('bad-digest', `"${digest}" is not a digest: ${algorithm}: is followed by ${length} lowercase hexadecimal characters.`, digest);
  return null;
}

/**
 * Where the repository path starts, as docker decides it: after an explicit registry host
 * (`host.tld/`, `host:port/`, `localhost/`), else at 0.
 */
export function pathStart(name: string): number {
  const slash = name.indexOf('/');
  if (slash < 0) return 0;
  const first = name.slice(0, slash);
  // Engines from 2023 on also read an uppercase first part ("Foo/bar") as a host; 20.10 calls it an
  // uppercase repository. The stricter reading is right on every engine.
  return /[.:]/.test(first) || first === 'localhost' ? slash + 1 : 0;
}

/** Where the registry host ends and the repository path starts, as docker decides it. */
function splitDomain(name: string): { domain: string; remainder: string; explicit: boolean } {
  const start = pathStart(name);
  if (start === 0) return { domain: DEFAULT_DOMAIN, remainder: name, explicit: false };
  const first = name.slice(0, start - 1);
  return { domain: first === LEGACY_DOMAIN ? DEFAULT_DOMAIN : first, remainder: name.slice(start), explicit: true };
}

function checkDomain(domain: string): ReferenceVerdict | null {
  let host = domain;
  let port: string | null = null;
  const ipv6 = domain.match(/^(\[[^\]]*\])(?::(.*))?$/);
  if (ipv6) {
    host = ipv6[1]!;
    port = ipv6[2] ?? null;
    if (!IPV6.test(host)) return fail('bad-domain', `"${domain}" is not a valid registry address.`, domain);
  } else {
    const colon = domain.lastIndexOf(':');
    if (colon >= 0) {
      host = domain.slice(0, colon);
      port = domain.slice(colon + 1);
    }
    if (!host.split('.').every((c) => DOMAIN_COMPONENT.test(c))) {
      return fail('bad-domain', `"${host}" is not a valid registry host: use letters, digits, dots and inner dashes (e.g. registry.example.com).`, host);
    }
  }
  if (port !== null && !/^[0-9]+$/.test(port)) return fail('bad-port', `The registry port "${port}" must be a number (e.g. localhost:5000).`, port);
  return null;
}

function checkPath(path: string): ReferenceVerdict | null {
  for (const component of path.split('/')) {
    if (component === '') return fail('empty-component', 'The name has an empty part: remove the extra "/".');
    if (!PATH_COMPONENT.test(component)) {
      return fail(
        'bad-component',
        `"${component}" is not allowed in a repository name: use lowercase letters and digits, joined by ".", "_", "__" or dashes, starting and ending with a letter or digit.`,
        component,
      );
    }
  }
  return null;
}

export interface ParseOptions {
  /** `docker tag` targets cannot carry a digest. */
  allowDigest?: boolean;
}

/** Parse and normalise like `docker` does (ParseNormalizedNamed), with a precise reason on failure. */
export function parseReference(input: string, options: ParseOptions = {}): ReferenceVerdict {
  // Spaces around a name being typed are forgiven; any other character is judged.
  const text = input.replace(/^ +| +$/g, '');
  if (text === '') return fail('empty', 'Enter an image name, e.g. nginx, nginx:1.27 or registry.example.com:5000/team/app:1.0.');
  if (HEX64.test(text)) return fail('hex-id', 'A 64-character hexadecimal string is an image ID, not a name: choose a repository name.');
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(text);
  if (scheme) return fail('scheme', `Leave out "${scheme[0]}": an image reference starts with the registry host, e.g. registry.example.com:5000/team/app.`, scheme[0]);
  const bad = [...text].find((c) => !/[A-Za-z0-9._\-/:@[\]]/.test(c));
  if (bad) return fail('bad-character', `"${visibleChar(bad)}" cannot appear in an image reference.`, bad);

  let rest = text;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (options.allowDigest === false) return fail('digest-not-allowed', 'A tag cannot contain a digest (@sha256:…): give a name and an optional :tag.', digest);
    const digestProblem = checkDigest(digest);
    if (digestProblem) return digestProblem;
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) {
      return fail('bad-tag', `The tag "${tag}" is not valid: start with a letter, digit or "_", then letters, digits, "_", "." or "-", at most 128 characters.`, tag);
    }
  }
  if (rest === '') return fail('empty', 'The repository name is missing before the tag or digest.');

  const { domain, remainder, explicit } = splitDomain(rest);
  if (remainder.toLowerCase() !== remainder) {
    const part = remainder.split('/').find((c) => c.toLowerCase() !== c) ?? remainder;
    return fail('uppercase', `Repository names must be lowercase: "${part}" → "${part.toLowerCase()}".`, part);
  }
  if (explicit) {
    const domainProblem = checkDomain(domain);
    if (domainProblem) return domainProblem;
  }
  const pathProblem = checkPath(remainder);
  if (pathProblem) return pathProblem;
  const path = domain === DEFAULT_DOMAIN && !remainder.includes('/') ? OFFICIAL_PREFIX + remainder : remainder;
  const name = `${domain}/${path}`;
  // Current engines (distribution/reference 0.6) limit the repository path, not the registry host with it.
  if (remainder.length > MAX_NAME) return fail('name-too-long', `The repository name is ${remainder.length} characters long; the limit is ${MAX_NAME}.`);

  const familiarName = domain === DEFAULT_DOMAIN ? (path.startsWith(OFFICIAL_PREFIX) ? path.slice(OFFICIAL_PREFIX.length) : path) : name;
  const effectiveTag = tag ?? (digest ? null : 'latest');
  const suffix = (effectiveTag ? `:${effectiveTag}` : '') + (digest ? `@${digest}` : '');
  return { ok: true, ref: { domain, path, tag: effectiveTag, digest, full: name + suffix, familiar: familiarName + suffix, familiarName } };
}

/** For `docker tag`: the target is a name with an optional tag, never a digest. */
export function parseTagTarget(input: string): ReferenceVerdict {
  const verdict = parseReference(input, { allowDigest: false });
  // The engine refuses a repository named after a digest algorithm: sha256:<hex> would read as an ID.
  if (verdict.ok && Object.prototype.hasOwnProperty.call(DIGEST_HEX, verdict.ref.familiarName)) {
    return fail('ambiguous-name', `"${verdict.ref.familiarName}" is the name of a digest algorithm: "${verdict.ref.familiar}" would read as an image ID. Choose another repository name.`, verdict.ref.familiarName);
  }
  return verdict;
}
