import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META, isAllowedExternalUrl, isAppUrl } from './security';

const directive = (policy: string, name: string) => policy.split('; ').find((d) => d.startsWith(`${name} `));

describe('the Content-Security-Policy', () => {
  it('lets the page talk only to its own origin: no ws: or wss: to any host', () => {
    for (const policy of [CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META]) {
      expect(directive(policy, 'connect-src')).toBe("connect-src 'self'");
      expect(policy).not.toMatch(/\bwss?:|\*|'unsafe-eval'|'unsafe-inline'/);
    }
  });

  it('keeps frame-ancestors out of the <meta> copy, where browsers ignore it', () => {
    expect(directive(CONTENT_SECURITY_POLICY, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY_META).not.toContain('frame-ancestors');
  });
});

describe('links the desktop app may open in the browser', () => {
  it('are https documentation pages on the allow-list', () => {
    expect(isAllowedExternalUrl('https://docs.docker.com/reference/cli/docker/image/prune/')).toBe(true);
    expect(isAllowedExternalUrl('https://hub.docker.com/_/nginx')).toBe(true);
  });

  it('refuses any other host, scheme, port or credentials, and look-alikes', () => {
    for (const url of [
      'https://evil.example/',
      'http://docs.docker.com/',
      'https://docs.docker.com.evil.example/',
      'https://evil.example/docs.docker.com',
      'https://user:pw@docs.docker.com/',
      'https://docs.docker.com:8443/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://docs.docker.com/share',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('property: whatever it allows is https on a listed host', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string(), (url, junk) => {
        for (const candidate of [url, url + junk, junk]) {
          if (isAllowedExternalUrl(candidate)) expect(['docs.docker.com', 'hub.docker.com']).toContain(new URL(candidate).hostname);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('navigation inside the desktop app', () => {
  it('stays on app://stevedore only', () => {
    expect(isAppUrl('app://stevedore/index.html')).toBe(true);
    for (const url of ['app://evil/index.html', 'file:///index.html', 'https://stevedore/', 'app://user@stevedore/', 'about:blank', '']) expect(isAppUrl(url), url).toBe(false);
  });
});
