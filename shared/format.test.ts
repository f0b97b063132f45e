import { describe, expect, it } from 'vitest';
import { formatBytesExact, formatSize, humanDuration, humanDurationEnglish, shortId } from './format';

describe('formatSize, like the docker CLI (decimal units, 3 significant digits)', () => {
  it.each([
    [0, '0B'],
    [999, '999B'],
    [1000, '1kB'],
    [5590, '5.59kB'],
    [1_990_000, '1.99MB'],
    [1_994_999, '1.99MB'],
    [2_512_345, '2.51MB'],
    [123_456_789, '123MB'],
    [1_080_000_000, '1.08GB'],
    [999_950, '1MB'],
    [1_500_000_000_000, '1.5TB'],
  ])('%d bytes → %s', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });

  it.each([
    [2_796_273_664, '2.796GB'],
    [24_576, '24.58kB'],
    [16_384, '16.38kB'],
    [1_626_352_916, '1.626GB'],
    [0, '0B'],
    // Go's %.4g prints 1000 without an exponent, so docker system df says 1000kB here.
    [999_950, '1000kB'],
  ])('with docker system df’s four digits: %d bytes → %s', (bytes, text) => {
    expect(formatSize(bytes, 4)).toBe(text);
  });

  it('shows a dash rather than nonsense for negative or missing sizes (the engine uses -1)', () => {
    expect(formatSize(-1)).toBe('-');
    expect(formatSize(Number.NaN)).toBe('-');
  });

  it('gives exact bytes with separators for the tooltip', () => {
    expect(formatBytesExact(1994999)).toBe('1,994,999 B');
  });
});

describe('humanDuration, like go-units HumanDuration', () => {
  const s = 1000;
  const min = 60 * s;
  const h = 60 * min;
  const d = 24 * h;
  it.each([
    [500, 'Less than a second'],
    [1 * s, '1 second'],
    [45 * s, '45 seconds'],
    [90 * s, 'About a minute'],
    [30 * min, '30 minutes'],
    [61 * min, 'About an hour'],
    [47 * h, '47 hours'],
    [3 * d, '3 days'],
    [13 * d, '13 days'],
    [15 * d, '2 weeks'],
    [90 * d, '3 months'],
    [800 * d, '2 years'],
  ])('%d ms → %s', (ms, text) => {
    expect(humanDurationEnglish(humanDuration(ms))).toBe(text);
  });

  it('returns a key and a count so other languages can phrase it', () => {
    expect(humanDuration(15 * d)).toEqual({ key: 'weeks', count: 2 });
  });
});

describe('shortId', () => {
  it('drops the algorithm and keeps 12 hex characters, as `docker images` does', () => {
    expect(shortId('sha256:6b6975a71c15aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).toBe('6b6975a71c15');
    expect(shortId('6b6975a71c15aaaa')).toBe('6b6975a71c15');
  });
});
