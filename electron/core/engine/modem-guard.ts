import modemHttp from 'docker-modem/lib/http.js';

/**
 * docker-modem follows HTTP redirects with its own copy of follow-redirects, resolving the Location
 * against a URL that has no host when it talks over a Unix socket, so a 301 from the engine (which
 * it sends when it cleans ".." out of a path) turns into a plain TCP request to whatever host the path
 * named, with no error listener on it. The Engine API never redirects a well-formed request, so none
 * is followed: a redirect becomes an ordinary error on the original request.
 */
export function refuseEngineRedirects(): void {
  modemHttp.maxRedirects = 0;
}

refuseEngineRedirects();
