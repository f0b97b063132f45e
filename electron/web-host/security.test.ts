import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileString } from '../../shared/test-support/hostile-values';
import { localRedirect, parseRequestTarget } from './security';

const ORIGIN = 'http://127.0.0.1:4000';

/** Where a browser goes when it follows this Location from our own page. */
function followed(location: string): URL {
  return new URL(location, `${ORIGIN}/`);
}

describe('the request target', () => {
  it('accepts origin-form only: absolute-form, authority-form and "*" get no target', () => {
    expect(parseRequestTarget('/app.js?x=1')).toMatchObject({ path: '/app.js' });
    for (const raw of ['http://[/', 'http://evil.example/', 'evil.example:80', '*', '', undefined]) expect(parseRequestTarget(raw)).toBeNull();
  });

  it('reads "//[" (which made URL() throw and killed the host) as a path like any other', () => {
    expect(parseRequestTarget('//[')).toMatchObject({ path: '//[' });
  });

  it('property: never throws, whatever the request line carried', () => {
    fc.assert(fc.property(fc.oneof(hostileString, fc.string({ unit: 'binary' }).map((s) => `/${s}`)), (raw) => void parseRequestTarget(raw)), { numRuns: 3000 });
  });
});

describe('the redirect after the token', () => {
  it('keeps "/.//elsewhere.example/" on this host (it used to answer Location: //elsewhere.example/)', () => {
    const location = localRedirect('/.//elsewhere.example/', new URLSearchParams());
    expect(location).not.toMatch(/^\/[/\\]/);
    expect(followed(location).origin).toBe(ORIGIN);
  });

  it('folds backslashes, which browsers read as slashes', () => {
    expect(followed(localRedirect('/\\\\evil.example/x', new URLSearchParams())).origin).toBe(ORIGIN);
  });

  it('keeps the rest of the query, minus nothing it did not receive', () => {
    expect(localRedirect('/', new URLSearchParams('lang=zh'))).toBe('/?lang=zh');
  });

  it('property: every path and query leads to a same-origin address made of printable ASCII', () => {
    const pathArb = fc.array(fc.constantFrom('/', '\\', '.', '..', '%2f', '%5c', 'evil.example', '@', ':', '😀', '\r\n', '?', ' '), { maxLength: 12 }).map((p) => `/${p.join('')}`);
    fc.assert(
      fc.property(fc.oneof(pathArb, hostileString.map((s) => `/${s}`)), fc.string(), (path, query) => {
        const location = localRedirect(path, new URLSearchParams(query));
        expect(location).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/);
        expect(followed(location).origin).toBe(ORIGIN);
      }),
      { numRuns: 5000 },
    );
  });
});
