import type Docker from 'dockerode';
import { BackendError } from '../../../shared/errors';
import { daemonText, toBackendError, type NodeishError } from '../engine/engine-errors';
import { registryError } from './registry-errors';

/** Docker Hub's key in config.json and the address the engine's /auth expects for it. */
export const HUB_ADDRESS = 'https://index.docker.io/v1/';

export const serverAddress = (registry: string): string => (registry === 'docker.io' || registry === 'index.docker.io' ? HUB_ADDRESS : registry);

/**
 * `docker login`'s check: the engine asks the registry (with its own TLS and insecure-registry
 * settings, as a later pull will) whether these credentials are good. Answers the identity token the
 * registry may hand out instead of the password; throws AUTH, NETWORK or TIMEOUT otherwise. The
 * password never appears in what it throws.
 */
export async function checkLogin(docker: Docker, registry: string, username: string, password: string, signal?: AbortSignal): Promise<{ identityToken: string | null }> {
  try {
    const answer = (await docker.checkAuth({ username, password, serveraddress: serverAddress(registry), abortSignal: signal })) as { IdentityToken?: string; Status?: string };
    return { identityToken: typeof answer.IdentityToken === 'string' && answer.IdentityToken !== '' ? answer.IdentityToken : null };
  } catch (err) {
    const status = (err as { statusCode?: number } | null)?.statusCode;
    const text = redact(daemonText((err ?? {}) as NodeishError), password);
    if (typeof status === 'number' && text) {
      const error = registryError(text, 'login', username, registry);
      // The engine answers a wrong password with 401 or 500 and the registry's words; both are "refused".
      if (error.code === 'AUTH' || (error.code === 'ENGINE_ERROR' && (status === 401 || /login attempt/i.test(text)))) {
        throw new BackendError('AUTH', `${registry} refused the user name or password.`, 'Check them and try again; some registries want an access token instead of the password.', text).translatedAs('registry.loginRefused', { registry });
      }
      throw error;
    }
    throw toBackendError(err, `docker login ${registry}`);
  }
}

/** A registry that echoes what it was sent must not carry the password into an error. */
export function redact(text: string, secret: string): string {
  return secret.length >= 1 ? text.split(secret).join('••••') : text;
}
