import { INVISIBLE, escapeCodePoint } from './invisible-chars';
import { parseReference } from './reference';

/**
 * Values that name an engine object (an image, a container) on their way into an Engine API path.
 * Each is checked for what it is — an image ID, a reference in Docker's grammar, a container name —
 * so no argument can carry "..", "%", "?", "#", a slash run or anything else that would change the
 * path, query or host of the request the backend makes.
 */

export type NameVerdict = { ok: true; kind: 'id' | 'reference' | 'name' } | { ok: false; message: string };

export const MAX_IMAGE_REF = 512;
const IMAGE_ID = /^(?:sha256:)?[a-f0-9]{1,64}$/;
const CONTAINER_ID = /^[a-f0-9]{1,64}$/;
/** The engine's own rule for container names (daemon/names): a letter or digit, then [a-zA-Z0-9_.-]. */
const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$/;


/**
 * Quote a hostile value briefly and visibly: control characters as JSON escapes, bidi overrides and
 * zero-width characters as \u escapes (so "exe.gnp" cannot pose as "png.exe"), long values cut.
 */
export function quoteValue(value: string, max = 60): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;
  return JSON.stringify(cut).replace(INVISIBLE, escapeCodePoint);
}

/** An image ID (full, short, with or without sha256:), name[:tag] or name[:tag]@digest. */
export function checkImageRef(value: string): NameVerdict {
  if (value === '') return { ok: false, message: 'An image ID or reference is required.' };
  if (value.length > MAX_IMAGE_REF) return { ok: false, message: `an image reference is at most ${MAX_IMAGE_REF} characters; this one has ${value.length}` };
  if (IMAGE_ID.test(value)) return { ok: true, kind: 'id' };
  // The grammar parser forgives surrounding spaces for people typing; the engine would not.
  if (value.trim() !== value) return { ok: false, message: `${quoteValue(value)} has spaces around it: an image reference has none.` };
  const verdict = parseReference(value);
  if (verdict.ok) return { ok: true, kind: 'reference' };
  return { ok: false, message: `${quoteValue(value)} is not an image ID or reference: ${verdict.message}` };
}

/** A repository name without tag or digest, as `docker images REPOSITORY` takes it. */
export function checkRepositoryName(value: string): NameVerdict {
  const verdict = checkImageRef(value);
  if (!verdict.ok) return verdict;
  const parsed = parseReference(value);
  if (parsed.ok && parsed.ref.digest === null && !/:[^/]*$/.test(value)) return { ok: true, kind: 'reference' };
  return { ok: false, message: `${quoteValue(value)} is not a repository name: leave out the :tag and @digest.` };
}

/** A container ID (full or short) or name. */
export function checkContainerRef(value: string): NameVerdict {
  if (CONTAINER_ID.test(value)) return { ok: true, kind: 'id' };
  if (CONTAINER_NAME.test(value)) return { ok: true, kind: 'name' };
  return {
    ok: false,
    message: `${quoteValue(value)} is not a container ID or name: names start with a letter or digit, followed by letters, digits, "_", "." or "-".`,
  };
}
