import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileString } from '../../../shared/test-support/hostile-values';
import { BackendError } from '../../../shared/errors';
import { DOCKER_HUB_KEY, registryKey, registryLabel } from './credentials';

const HUB = DOCKER_HUB_KEY;

describe('registryKey: the key docker stores credentials under', () => {
  it('files Docker Hub under https://index.docker.io/v1/, whichever alias names it', () => {
    for (const alias of ['docker.io', 'index.docker.io', 'registry-1.docker.io', 'https://index.docker.io/v1/', 'HTTPS://Docker.IO/', ' http://registry-1.docker.io/v2/ ']) {
      expect(registryKey(alias)).toBe(HUB);
    }
  });

  it('keeps host[:port] of any other registry, without scheme or path', () => {
    expect(registryKey('127.0.0.1:5000')).toBe('127.0.0.1:5000');
    expect(registryKey('https://Registry.Example.com/v1/')).toBe('registry.example.com');
    expect(registryKey('http://localhost:5000/v2/team')).toBe('localhost:5000');
    expect(registryKey('[::1]:5000')).toBe('[::1]:5000');
    expect(registryKey('gcr.io')).toBe('gcr.io');
    // Only the exact Hub hosts are Hub: a port or a look-alike is another registry.
    expect(registryKey('docker.io:443')).toBe('docker.io:443');
    expect(registryKey('docker.io.evil.example')).toBe('docker.io.evil.example');
  });

  it('registryLabel writes a key as people do (docker.io for Hub), and registryKey reads it back', () => {
    expect(registryLabel(HUB)).toBe('docker.io');
    for (const key of [HUB, '127.0.0.1:5000', 'registry.example.com']) expect(registryKey(registryLabel(key))).toBe(key);
  });

  it('refuses what names no registry, with INVALID_ARGUMENT', () => {
    for (const bad of ['', '   ', 'user@host', 'ftp://host', 'a b', 'host:port', '-host', 'host..example', 'https://', 'x'.repeat(300)]) {
      const e = (() => {
        try {
          registryKey(bad);
        } catch (err) {
          return err;
        }
        return null;
      })();
      expect(e, bad).toBeInstanceOf(BackendError);
      expect((e as BackendError).code).toBe('INVALID_ARGUMENT');
    }
  });

  const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
  const host = fc
    .tuple(fc.array(label, { minLength: 1, maxLength: 4 }), fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }))
    .map(([labels, port]) => `${labels.join('.')}${port === undefined ? '' : `:${port}`}`);
  const randomCase = (text: string, flips: boolean[]): string => [...text].map((c, i) => (flips[i % flips.length] ? c.toUpperCase() : c)).join('');
  const variant = (base: fc.Arbitrary<string>) =>
    fc
      .tuple(base, fc.constantFrom('', 'http://', 'https://', 'HTTPS://', 'Http://'), fc.constantFrom('', '/', '/v1/', '/v2', '/v1/a/b?x#y'), fc.array(fc.boolean(), { minLength: 1 }), fc.constantFrom('', ' ', '\t'))
      .map(([h, scheme, path, flips, pad]) => ({ host: h, written: `${pad}${scheme}${randomCase(h, flips)}${path}${pad}` }));

  it('property: every casing, scheme and path of a host gives the key of the bare host', () => {
    fc.assert(
      fc.property(variant(host), ({ host: h, written }) => {
        expect(registryKey(written)).toBe(registryKey(h));
        expect(registryKey(written)).not.toMatch(/[A-Z/]/);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: every spelling of a Hub alias gives the Hub key', () => {
    const alias = fc.constantFrom('docker.io', 'index.docker.io', 'registry-1.docker.io');
    fc.assert(
      fc.property(variant(alias), ({ written }) => {
        expect(registryKey(written)).toBe(HUB);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: every string gives a key that is its own key, or INVALID_ARGUMENT, never another throw', () => {
    fc.assert(
      fc.property(fc.oneof(hostileString, fc.string()), (raw) => {
        let key: string;
        try {
          key = registryKey(raw);
        } catch (e) {
          expect(e).toBeInstanceOf(BackendError);
          expect((e as BackendError).code).toBe('INVALID_ARGUMENT');
          return;
        }
        expect(registryKey(key)).toBe(key);
      }),
      { numRuns: 3000 },
    );
  });
});
