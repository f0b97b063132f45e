import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkContainerRef, checkImageRef, checkRepositoryName } from './engine-names';
import { TAG_TARGET_CASES } from './reference-cases';
import { hostileString, KNOWN_PAYLOADS } from './test-support/hostile-values';

/** The Engine API path a checked name produces once the engine has percent-decoded it (as Go does). */
function enginePathSegments(value: string): string[] {
  const encoded = value.split('/').map(encodeURIComponent).join('/');
  const url = new URL(`/v1.45/images/${encoded}/json`, 'http://engine.invalid');
  expect(url.host).toBe('engine.invalid');
  expect(url.search).toBe('');
  expect(url.hash).toBe('');
  return decodeURIComponent(url.pathname).split('/');
}

describe('image references on their way into an Engine API path', () => {
  it('refuses every payload that reached past the socket or crashed the host in the review', () => {
    for (const payload of KNOWN_PAYLOADS) expect(checkImageRef(payload), payload).toMatchObject({ ok: false });
  });

  it('accepts image IDs in every form the engine takes', () => {
    const id = 'a'.repeat(64);
    for (const value of [id, `sha256:${id}`, 'a1b2c3d4e5f6', `sha256:${id.slice(0, 12)}`]) expect(checkImageRef(value)).toMatchObject({ ok: true, kind: 'id' });
  });

  it('accepts every valid reference of the tag grammar table, and digests', () => {
    // The dialog forgives spaces around a name it is typing; values on the wire have none.
    const valid = TAG_TARGET_CASES.filter((c) => 'full' in c.expect && c.input.trim() === c.input).map((c) => c.input);
    for (const ref of [...valid, `127.0.0.1:5055/fixture/busybox@sha256:${'b'.repeat(64)}`, `nginx:1.27@sha256:${'c'.repeat(64)}`]) {
      expect(checkImageRef(ref), ref).toMatchObject({ ok: true });
    }
  });

  it('names the problem in its message', () => {
    expect(checkImageRef('../x')).toMatchObject({ ok: false, message: expect.stringMatching(/"\.\.\/x" is not an image ID or reference/) });
    expect(checkImageRef('😀🐳')).toMatchObject({ ok: false, message: expect.stringMatching(/cannot appear in an image reference/) });
  });

  it('property: whatever it accepts keeps the request on the same endpoint — no dot segment, no empty segment, no query, no fragment', () => {
    fc.assert(
      fc.property(hostileString, (value) => {
        if (!checkImageRef(value).ok) return;
        const segments = enginePathSegments(value);
        expect(segments.slice(0, 3)).toEqual(['', 'v1.45', 'images']);
        expect(segments[segments.length - 1]).toBe('json');
        for (const s of segments.slice(1)) expect(['', '.', '..']).not.toContain(s);
        expect(value).not.toMatch(/[?#%\\\s]/);
      }),
      { numRuns: 5000 },
    );
  });

  it('repository names carry no tag or digest', () => {
    expect(checkRepositoryName('127.0.0.1:5000/team/app')).toMatchObject({ ok: true });
    expect(checkRepositoryName('nginx:1')).toMatchObject({ ok: false, message: expect.stringMatching(/leave out the :tag/) });
    expect(checkRepositoryName(`nginx@sha256:${'a'.repeat(64)}`)).toMatchObject({ ok: false });
  });
});

describe('container IDs and names', () => {
  it('accepts IDs and names as docker ps -a shows them', () => {
    for (const v of ['stevedore-fixture-used', 'a1b2c3', 'web_1', 'my.app-2']) expect(checkContainerRef(v)).toMatchObject({ ok: true });
  });

  it('property: what it accepts has no path, query or fragment characters and never starts with a dot', () => {
    fc.assert(
      fc.property(hostileString, (value) => {
        if (!checkContainerRef(value).ok) return;
        expect(value).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/);
      }),
      { numRuns: 5000 },
    );
  });
});
