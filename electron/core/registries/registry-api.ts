import * as z from 'zod';
import { BackendError } from '../../../shared/errors';
import { errorsOf, exchange, MAX_JSON_BYTES, parseJson } from './registry-api-http';
import { readManifest, type RemoteManifest } from './registry-api-manifest';
import { apiRepository, checkDigest, checkReference, checkRepository, isRepository, isTag, nextFromLink, pageQuery } from './registry-api-names';
import { ok, openSession, send, type Call, type RegistryApiOptions } from './registry-api-session';

/**
 * A Registry HTTP API v2 client for browsing a registry directly (not through the engine): catalog,
 * tags, manifests, deletion, ping. Plain Node. Every answer is treated as hostile: names are checked
 * before they reach a URL, answers are bounded and schema-checked, manifests digest-verified, and
 * credentials go only to the registry itself and the token server its challenge names.
 */

export type { RegistryApiOptions } from './registry-api-session';
export type { RemoteManifest } from './registry-api-manifest';

export type { CatalogPage, TagPage } from '../../../shared/registry-types';
import type { CatalogPage, TagPage } from '../../../shared/registry-types';

const MAX_ENTRIES = 100_000;
const catalogSchema = z.object({ repositories: z.array(z.string().max(1024)).max(MAX_ENTRIES).nullish() });
const tagsSchema = z.object({ name: z.string().max(1024).optional(), tags: z.array(z.string().max(1024)).max(MAX_ENTRIES).nullish() });

/** GET /v2/_catalog?n=&last=. Names outside the repository grammar are left out (they could not be opened). */
export async function listRepositories(o: RegistryApiOptions, page?: { last?: string; n?: number }): Promise<CatalogPage> {
  const s = openSession(o);
  const call: Call = { method: 'GET', path: '/v2/_catalog', query: pageQuery(page), scope: 'registry:catalog:*', maxBytes: MAX_JSON_BYTES, what: 'the list of repositories' };
  const x = ok(s, await send(s, call), call, {
    notFound: `${s.target.name} does not list its repositories (it has no catalog).`,
    notFoundHint: 'Open a repository by its name instead.',
  });
  const data = parseJson(x, catalogSchema, s.target.name, call.what, 'a list of repositories');
  return { repositories: (data.repositories ?? []).filter(isRepository), next: nextFromLink(x.headers.get('link'), x.url) };
}

/** GET /v2/<name>/tags/list?n=&last=. Tags outside the tag grammar are left out. */
export async function listTags(o: RegistryApiOptions, repository: string, page?: { last?: string; n?: number }): Promise<TagPage> {
  const name = checkRepository(repository);
  const query = pageQuery(page);
  const s = openSession(o);
  const repo = apiRepository(s.target, name);
  const call: Call = { method: 'GET', path: `/v2/${repo}/tags/list`, query, scope: `repository:${repo}:pull`, maxBytes: MAX_JSON_BYTES, what: `the tags of ${name}` };
  const x = ok(s, await send(s, call), call, {
    notFound: `There is no repository ${name} on ${s.target.name}.`,
    notFoundHint: 'Check the name (the registry\u2019s list of repositories shows which exist).',
  });
  const data = parseJson(x, tagsSchema, s.target.name, call.what, 'a list of tags');
  return { tags: (data.tags ?? []).filter(isTag), next: nextFromLink(x.headers.get('link'), x.url) };
}

/** GET /v2/<name>/manifests/<reference>: a manifest or an index, verified against its digest. */
export async function getManifest(o: RegistryApiOptions, repository: string, reference: string): Promise<RemoteManifest> {
  const name = checkRepository(repository);
  const ref = checkReference(reference);
  return readManifest(openSession(o), name, ref);
}

/** DELETE /v2/<name>/manifests/<digest>: removes the manifest and every tag pointing at it. */
export async function deleteManifest(o: RegistryApiOptions, repository: string, digest: string): Promise<void> {
  const name = checkRepository(repository);
  const d = checkDigest(digest);
  const s = openSession(o);
  const repo = apiRepository(s.target, name);
  const call: Call = { method: 'DELETE', path: `/v2/${repo}/manifests/${d}`, scope: `repository:${repo}:delete`, maxBytes: 0, what: `${name}@${d}` };
  const x = await send(s, call);
  if (x.status === 405 || errorsOf(x.body).codes.includes('UNSUPPORTED')) {
    throw new BackendError(
      'ENGINE_ERROR',
      `${s.target.name} has deleting images turned off, so ${name}@${d.slice(0, 19)}… was not deleted.`,
      'Its administrator can turn it on with storage.delete.enabled: true in the registry\u2019s config.yml (then run its garbage collector to free the space).',
    );
  }
  ok(s, x, call, { notFound: `${name}@${d.slice(0, 19)}… is not on ${s.target.name} (any more).`, notFoundHint: 'Refresh the list of tags.' });
}

/**
 * GET /v2/ once, without answering a challenge: how long a registry takes to answer. 200 and 401
 * both mean a registry answers there; any other answer is an error.
 */
export async function pingRegistry(o: RegistryApiOptions): Promise<{ ms: number; status: number }> {
  const s = openSession(o);
  const started = performance.now();
  const x = await exchange({ ...s.http, name: s.target.name }, { method: 'GET', url: new URL(`${s.target.origin}/v2/`), headers: {}, maxBytes: 0, what: 'the API root (/v2/)' });
  const ms = Math.max(0, Math.round(performance.now() - started));
  if (x.status === 200 || x.status === 401) return { ms, status: x.status };
  throw new BackendError(
    'ENGINE_ERROR',
    `${s.target.name} answered HTTP ${x.status} at /v2/, which a Docker registry does not.`,
    'Check the address: it should be the registry (or mirror) itself, with its port.',
  );
}
