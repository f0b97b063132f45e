import fc from 'fast-check';

/**
 * What an attacker sends, as fast-check generators: used by the fuzz tests of the contract, the wire
 * protocol and the HTTP host. Biased toward the characters that change a URL or a path.
 */

/** Payloads from the security review, each known to have reached past the Docker socket or crashed the host. */
export const KNOWN_PAYLOADS = [
  '../../../../127.0.0.1:1/x',
  '..%2f..%2f..%2f..%2f127.0.0.1:1%2fx',
  '..%2F..%2F..%2Fversion',
  '../version',
  '..',
  '.',
  '/',
  '//',
  'x/../../../containers/json',
  'nginx?all=1',
  'nginx#frag',
  'nginx%00',
  'nginx\u0000',
  'nginx\r\nHost: evil',
  '😀🐳',
  'ｎｇｉｎｘ',
  'nginx:1.0/../..',
  'http://127.0.0.1:1/x',
  '\\\\evil\\share',
  '%2e%2e/%2e%2e/version',
  'a'.repeat(600),
  '',
  ' nginx',
];

const DANGEROUS = ['.', '..', '/', '%', '%2f', '%2e', '?', '#', ':', '@', '\\', '\u0000', '\n', ' ', '😀', 'é', '[', ']', 'a', 'z', '0', '9', '-', '_', 'sha256:', '127.0.0.1', 'localhost'];

/** Strings built from URL- and path-changing pieces, plus arbitrary Unicode. */
export const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...DANGEROUS), { maxLength: 16 }).map((parts) => parts.join('')) },
  { weight: 2, arbitrary: fc.constantFrom(...KNOWN_PAYLOADS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 2000 }) },
);

const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];

/** Any JSON value, with prototype-pollution keys and hostile strings mixed in. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2)),
    hostileString,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...POLLUTION_KEYS), fc.string({ maxLength: 12 })), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** A value nested `depth` levels deep, built without recursion (JSON text, parsed by the receiver). */
export function deepJsonText(depth: number, open = '[', close = ']'): string {
  return open.repeat(depth) + close.repeat(depth);
}

/** Arguments shaped like a method's but with hostile values where names go. */
export const nearMissArgs = fc.oneof(
  hostileString.map((ref) => ({ ref })),
  hostileString.map((source) => ({ source, target: 'stevedore-fuzz/never:1' })),
  hostileString.map((target) => ({ source: 'stevedore-fuzz-missing', target })),
  hostileString.map((id) => ({ id })),
  fc.array(hostileString, { minLength: 1, maxLength: 4 }).map((targets) => ({ targets })),
  hostileString.map((repository) => ({ selection: { kind: 'repository', repository } })),
  hostileString.map((ref) => ({ selection: { kind: 'before', ref } })),
  fc.array(hostileString, { minLength: 1, maxLength: 3 }).map((refs) => ({ selection: { kind: 'refs', refs } })),
  hostileString.map((until) => ({ all: true, until })),
  fc.array(hostileString, { maxLength: 3 }).map((labels) => ({ labels })),
  hostileString.map((jobId) => ({ jobId })),
);
