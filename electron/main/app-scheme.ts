import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from '../../shared/security';
import { contentType, resolveStaticFile } from '../core/static-path';

/**
 * The renderer is served from app://stevedore/ rather than file://: a file:// page may read any other
 * file:// URL and shares one origin with every local file, while this origin holds only the built
 * renderer, confined by the same path check the web host uses, with the CSP on every response.
 */
export function registerAppScheme(): void {
  // Must run before the app is ready.
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

export function serveAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const notFound = () => new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound();
    }
    if (url.host !== APP_HOST || request.method !== 'GET') return notFound();
    const file = resolveStaticFile(rendererDir, url.pathname);
    if (!file) return notFound();
    try {
      return new Response(await readFile(file), {
        headers: { 'content-type': contentType(file), 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' },
      });
    } catch {
      return notFound();
    }
  });
}
