/**
 * The one Content-Security-Policy, sent by both hosts (the web host's header, the desktop app's
 * app:// responses) and written into index.html at build time: the page loads only itself and talks
 * only to its own origin ('self' covers the web host's same-origin WebSocket; the desktop app has none).
 */
const DIRECTIVES: [string, string][] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  // React sets style properties through the CSSOM, which CSP does not govern: no inline styles needed.
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-src', "'none'"],
  ['frame-ancestors', "'none'"],
];

export const CONTENT_SECURITY_POLICY = DIRECTIVES.map(([k, v]) => `${k} ${v}`).join('; ');

/** The same policy for a <meta> tag, where browsers ignore frame-ancestors (and warn about it). */
export const CONTENT_SECURITY_POLICY_META = DIRECTIVES.filter(([k]) => k !== 'frame-ancestors')
  .map(([k, v]) => `${k} ${v}`)
  .join('; ');

/** The desktop app's own origin: a privileged custom scheme instead of file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'stevedore';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Documentation the app may open in the user's browser; every other link is refused. */
export const EXTERNAL_DOC_HOSTS: readonly string[] = ['docs.docker.com', 'hub.docker.com'];

/** https, no credentials or port, and a host on the list: what the desktop app hands to the OS browser. */
export function isAllowedExternalUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return u.protocol === 'https:' && u.username === '' && u.password === '' && u.port === '' && EXTERNAL_DOC_HOSTS.includes(u.hostname);
}

/** A URL inside the app itself (for navigation guards): the app origin, nothing else. */
export function isAppUrl(url: string): boolean {
  try {
    // URL gives non-special schemes an opaque origin, so compare scheme and host, and no credentials.
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}
