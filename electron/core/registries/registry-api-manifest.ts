import { createHash } from 'node:crypto';
import * as z from 'zod';
import { BackendError } from '../../../shared/errors';
import { clean, MAX_JSON_BYTES, parseJson, type Exchange } from './registry-api-http';
import { ANY_DIGEST, apiRepository, isSha256Digest } from './registry-api-names';
import { ok, send, type Call, type Session } from './registry-api-session';

/**
 * A manifest or index read by tag or digest, its bytes checked against the digest the registry
 * claims (and the one asked for), then the first linux/amd64 image of an index and its config blob.
 */

export type { RemoteManifest } from '../../../shared/registry-types';
import type { RemoteManifest } from '../../../shared/registry-types';

export const MEDIA = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
} as const;
const ACCEPT = [MEDIA.ociIndex, MEDIA.dockerList, MEDIA.ociManifest, MEDIA.dockerManifest].join(', ');
const INDEX_TYPES = new Set<string>([MEDIA.ociIndex, MEDIA.dockerList]);
const MANIFEST_TYPES = new Set<string>([MEDIA.ociManifest, MEDIA.dockerManifest]);
const IMAGE_CONFIG_TYPES = new Set(['application/vnd.docker.container.image.v1+json', 'application/vnd.oci.image.config.v1+json']);

const mediaType = z.string().max(255).regex(/^[\w.+/-]*$/);
const size = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const descriptor = z.object({ mediaType: mediaType.default(''), digest: z.string().max(300).regex(ANY_DIGEST), size });
const platformWord = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/);
const manifestSchema = z.object({ schemaVersion: z.literal(2), mediaType: mediaType.optional(), config: descriptor, layers: z.array(descriptor).max(10_000) });
const indexSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: mediaType.optional(),
  manifests: z.array(descriptor.extend({ platform: z.object({ os: platformWord, architecture: platformWord, variant: platformWord.optional() }).optional() })).max(10_000),
});
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const configSchema = z.object({ created: z.string().max(64).nullish() }).passthrough();

function digestOf(body: Buffer, algorithm: 'sha256' | 'sha512' = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(body).digest('hex')}`;
}

function mismatch(s: Session, what: string, detail: string): BackendError {
  return new BackendError(
    'ENGINE_ERROR',
    `${s.target.name} answered ${what} with content that does not match its digest, so it was not used.`,
    'The registry\u2019s storage may be damaged, or something between you and it changed the answer. Try again; if it persists, tell the registry\u2019s administrator.',
    detail,
  );
}

/** The body's sha256 digest, checked against Docker-Content-Digest (if sent) and the digest asked for (if any). */
function verifiedDigest(s: Session, x: Exchange, what: string, requested: string | null): string {
  const computed = digestOf(x.body);
  const header = x.headers.get('docker-content-digest')?.trim();
  if (header) {
    const m = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/.exec(header);
    if (!m) throw new BackendError('ENGINE_ERROR', `${s.target.name} sent a digest for ${what} that is not one.`, 'Check the registry\u2019s configuration.', clean(header, 200));
    const own = header.startsWith('sha512:') ? digestOf(x.body, 'sha512') : computed;
    if (own !== header) throw mismatch(s, what, `Docker-Content-Digest ${header}, content ${own}`);
  }
  if (requested !== null && requested !== computed) throw mismatch(s, what, `asked for ${requested}, content ${computed}`);
  return computed;
}

type Parsed = { kind: 'manifest'; type: string; m: z.infer<typeof manifestSchema> } | { kind: 'index'; type: string; m: z.infer<typeof indexSchema> };

/** Which of the two the body is, refusing a body that claims one thing and is another. */
function classify(s: Session, x: Exchange, what: string): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(x.body.toString('utf8'));
  } catch {
    json = null;
  }
  const fields = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const bodyType = typeof fields.mediaType === 'string' ? fields.mediaType : null;
  const headerType = (x.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (/distribution\.manifest\.v1\+(?:prettyjws|json)$/.test(bodyType ?? headerType) || fields.schemaVersion === 1) {
    throw new BackendError('ENGINE_ERROR', `${what} on ${s.target.name} is an old schema 1 manifest, which Stevedore does not read.`, 'Push the image again with a current docker to store it as schema 2.');
  }
  const known = (t: string) => INDEX_TYPES.has(t) || MANIFEST_TYPES.has(t);
  if (bodyType !== null && known(bodyType) && known(headerType) && bodyType !== headerType) {
    throw new BackendError('ENGINE_ERROR', `${s.target.name} answered ${what} as ${clean(headerType, 80)} but its content says ${clean(bodyType, 80)}; it was not used.`, 'Check the registry and the image as pushed.');
  }
  const type = bodyType ?? (known(headerType) ? headerType : '');
  const looksIndex = Array.isArray(fields.manifests);
  const looksManifest = 'config' in fields || Array.isArray(fields.layers);
  if (looksIndex && looksManifest) throw new BackendError('ENGINE_ERROR', `${s.target.name} answered ${what} with something that is both an index and a manifest; it was not used.`);
  if (INDEX_TYPES.has(type) || (!MANIFEST_TYPES.has(type) && looksIndex)) {
    return { kind: 'index', type: type || MEDIA.ociIndex, m: parseJson(x, indexSchema, s.target.name, what, 'an image index') };
  }
  return { kind: 'manifest', type: type || MEDIA.ociManifest, m: parseJson(x, manifestSchema, s.target.name, what, 'an image manifest') };
}

async function fetchManifest(s: Session, repo: string, reference: string, what: string): Promise<{ x: Exchange; digest: string; parsed: Parsed }> {
  const call: Call = { method: 'GET', path: `/v2/${repo}/manifests/${reference}`, accept: ACCEPT, scope: `repository:${repo}:pull`, maxBytes: MAX_JSON_BYTES, what };
  const x = ok(s, await send(s, call), call, {
    notFound: `${what} was not found on ${s.target.name}.`,
    notFoundHint: 'Check the repository name and the tag (list the repository\u2019s tags to see which exist).',
  });
  const digest = verifiedDigest(s, x, what, isSha256Digest(reference) ? reference : null);
  return { x, digest, parsed: classify(s, x, what) };
}

async function readCreated(s: Session, repo: string, config: z.infer<typeof descriptor>): Promise<string | null> {
  if (!isSha256Digest(config.digest) || (config.mediaType !== '' && !IMAGE_CONFIG_TYPES.has(config.mediaType)) || config.size > MAX_JSON_BYTES) return null;
  const what = `the image configuration ${config.digest.slice(0, 19)}… of ${repo}`;
  const call: Call = { method: 'GET', path: `/v2/${repo}/blobs/${config.digest}`, scope: `repository:${repo}:pull`, maxBytes: MAX_JSON_BYTES, what, blob: true };
  const x = ok(s, await send(s, call), call, { notFound: `${what} is missing from ${s.target.name}.`, notFoundHint: 'The image on the registry is incomplete: push it again.' });
  if (digestOf(x.body) !== config.digest) throw mismatch(s, what, `asked for ${config.digest}, content ${digestOf(x.body)}`);
  const created = parseJson(x, configSchema, s.target.name, what, 'an image configuration').created;
  return typeof created === 'string' && ISO_TIME.test(created) && !Number.isNaN(Date.parse(created)) ? created : null;
}

function platformOf(p: { os: string; architecture: string; variant?: string | undefined } | undefined): string {
  return p ? [p.os, p.architecture, ...(p.variant ? [p.variant] : [])].join('/') : 'unknown';
}

export async function readManifest(s: Session, repository: string, reference: string): Promise<RemoteManifest> {
  const repo = apiRepository(s.target, repository);
  const what = `${repository}${reference.includes(':') ? '@' : ':'}${reference}`;
  const top = await fetchManifest(s, repo, reference, what);
  const result: RemoteManifest = { digest: top.digest, mediaType: top.parsed.type, platforms: [], layers: [], totalSize: 0, created: null, configDigest: null };
  let image = top.parsed.kind === 'manifest' ? top.parsed.m : null;
  if (top.parsed.kind === 'index') {
    const entries = top.parsed.m.manifests;
    result.platforms = entries.map((e) => ({ platform: platformOf(e.platform), digest: e.digest, size: e.size }));
    const chosen =
      entries.find((e) => e.platform?.os === 'linux' && e.platform.architecture === 'amd64') ?? entries.find((e) => e.platform && e.platform.os !== 'unknown') ?? entries[0];
    if (chosen && isSha256Digest(chosen.digest)) {
      const child = await fetchManifest(s, repo, chosen.digest, `${repository}@${chosen.digest}`);
      if (child.x.body.length !== chosen.size) throw mismatch(s, `${repository}@${chosen.digest}`, `index says ${chosen.size} bytes, got ${child.x.body.length}`);
      // An index inside an index is valid OCI, but has no layers of its own to show.
      image = child.parsed.kind === 'manifest' ? child.parsed.m : null;
    }
  }
  if (image) {
    result.layers = image.layers.map((l) => ({ digest: l.digest, size: l.size, mediaType: l.mediaType }));
    result.totalSize = image.layers.reduce((sum, l) => sum + l.size, 0);
    result.configDigest = image.config.digest;
    result.created = await readCreated(s, repo, image.config);
  }
  return result;
}
