import type Docker from 'dockerode';
import * as z from 'zod';
import { BackendError } from '../../../shared/errors';
import type { HubResult } from '../../../shared/registry-types';
import { daemonText, toBackendError, type NodeishError } from '../engine/engine-errors';
import { registryError } from './registry-errors';

/** Where Hub is blocked the engine may wait on DNS or a silent firewall: the user waits no longer than this. */
export const SEARCH_TIMEOUT_MS = 10_000;

const answer = z
  .array(
    z.object({
      name: z.string().max(512),
      description: z.string().max(4096).nullish(),
      star_count: z.number().nullish(),
      is_official: z.boolean().nullish(),
    }),
  )
  .max(1000);

/**
 * `docker search`, asked of the engine (which asks Docker Hub, with its proxy settings). Offline, or
 * where Hub is blocked, that is a NETWORK or TIMEOUT error within seconds, never a hang.
 */
export async function searchHub(docker: Docker, term: string, limit: number, timeoutMs = SEARCH_TIMEOUT_MS): Promise<HubResult[]> {
  const signal = AbortSignal.timeout(timeoutMs);
  let raw: unknown;
  try {
    raw = await docker.searchImages({ term, limit, abortSignal: signal });
  } catch (err) {
    if (signal.aborted) throw unreachable('TIMEOUT', `Docker Hub did not answer the search within ${Math.round(timeoutMs / 1000)} s.`, '');
    const text = daemonText((err ?? {}) as NodeishError);
    if (typeof (err as { statusCode?: number } | null)?.statusCode === 'number' && text) {
      const error = registryError(text, 'search', term, 'docker.io');
      if (error.code === 'NETWORK' || error.code === 'TIMEOUT') throw unreachable(error.code, 'Docker Hub cannot be reached from the engine, so it cannot be searched.', text);
      throw error;
    }
    throw toBackendError(err, `docker search ${term}`);
  }
  const parsed = answer.safeParse(raw);
  if (!parsed.success) throw new BackendError('ENGINE_ERROR', 'Docker Hub answered the search with something that is not a list of images.', 'Try again later.');
  return parsed.data.map((r) => ({ name: r.name, description: r.description ?? '', stars: Math.max(0, Math.floor(r.star_count ?? 0)), official: r.is_official ?? false }));
}

function unreachable(code: 'NETWORK' | 'TIMEOUT', message: string, detail: string): BackendError {
  return new BackendError(code, message, 'Where Docker Hub is blocked, pull through a registry mirror or load images from a tar file.', detail || undefined).translatedAs('registry.hubUnreachable');
}
