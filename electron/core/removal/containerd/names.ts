import { parseReference } from '../../../../shared/reference';

/**
 * Image names as the containerd image store keeps them: one record per name, each pointing at a
 * target digest (the image ID). Tags and digests are full names (docker.io/library/nginx:1.27,
 * docker.io/library/nginx@sha256:…); an image with no name keeps a record "moby-dangling@<ID>".
 */

export const DANGLING_PREFIX = 'moby-dangling@';

export interface CdRecord {
  name: string;
  target: string;
  /** The classic builder's parent label (org.mobyproject.image.parent); '' when none. */
  parent: string;
}

export const danglingName = (target: string) => `${DANGLING_PREFIX}${target}`;
export const isDangling = (r: CdRecord) => r.name === danglingName(r.target);

/** A normalised name, as distribution/reference's ParseNormalizedNamed reads it. */
export interface NamedRef {
  /** docker.io/library/nginx */
  repo: string;
  tag: string | null;
  digest: string | null;
  /** TagNameOnly(ref).String(): :latest added when neither tag nor digest was given. */
  full: string;
}

export type AnyRef = { kind: 'digest'; digest: string } | ({ kind: 'named' } & NamedRef);

const ANCHORED_ID = /^[a-f0-9]{64}$/;
const FULL_DIGEST = /^sha256:[a-f0-9]{64}$/;
/** The engine's own test for "could be a short ID" (daemon/containerd/image.go). */
export const TRUNCATED_ID = /^(sha256:)?([a-f0-9]{4,64})$/;

export function parseNamed(input: string): NamedRef | null {
  const verdict = parseReference(input);
  if (!verdict.ok) return null;
  const { domain, path, tag, digest } = verdict.ref;
  return { repo: `${domain}/${path}`, tag, digest, full: verdict.ref.full };
}

/** reference.ParseAnyReference: a bare or sha256:-prefixed 64-hex string is a digest, anything else a name. */
export function parseAny(input: string): AnyRef | null {
  if (ANCHORED_ID.test(input)) return { kind: 'digest', digest: `sha256:${input}` };
  if (FULL_DIGEST.test(input)) return { kind: 'digest', digest: input };
  const named = parseNamed(input);
  return named ? { kind: 'named', ...named } : null;
}

/** How the engine prints a record's name in its answers: nginx:1.27, reg:5000/app@sha256:… */
export function familiarName(record: CdRecord): string {
  if (isDangling(record)) return record.target;
  const verdict = parseReference(record.name);
  return verdict.ok ? verdict.ref.familiar : record.name;
}
