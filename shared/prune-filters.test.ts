import { describe, expect, it } from 'vitest';
import { labelsMatch, labelsMatchContainerd, parseLabelFilter, parseUntil } from './prune-filters';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const label = (text: string) => {
  const v = parseLabelFilter(text);
  if (!v.ok) throw new Error(v.message);
  return v.value;
};

describe('until: only what the engine accepts', () => {
  it('takes Go durations, Unix timestamps and real dates', () => {
    expect(parseUntil('24h', NOW)).toEqual({ ok: true, value: NOW / 1000 - 86_400 });
    expect(parseUntil('1700000000', NOW)).toEqual({ ok: true, value: 1_700_000_000 });
    expect(parseUntil('2026-01-31T00:00:00Z', NOW)).toEqual({ ok: true, value: Date.UTC(2026, 0, 31) / 1000 });
  });

  it('refuses dates that do not exist instead of rolling them over (2026-02-30 is not 2 March)', () => {
    expect(parseUntil('2026-02-30', NOW).ok).toBe(false);
    expect(parseUntil('2026-13-01', NOW).ok).toBe(false);
    expect(parseUntil('2026-01-01T24:00', NOW).ok).toBe(false);
  });

  it('refuses durations and timestamps past Go’s int64 range, which the engine refuses', () => {
    expect(parseUntil('10000000h', NOW).ok).toBe(false);
    expect(parseUntil('100000000000000000000h', NOW).ok).toBe(false);
    expect(parseUntil('999999999999999999999', NOW).ok).toBe(false);
    expect(parseUntil('2562047h', NOW).ok).toBe(true);
  });

  it('refuses surrounding spaces, as the engine does', () => {
    expect(parseUntil(' 24h', NOW).ok).toBe(false);
  });
});

describe('label filters match own labels only', () => {
  const plain = { maintainer: 'me' };
  it('"constructor", "__proto__" and "toString" are not labels every image has', () => {
    for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(labelsMatch([label(`label=${key}`)], plain)).toBe(false);
      expect(labelsMatch([label(`label!=${key}`)], plain)).toBe(true);
      expect(labelsMatchContainerd([label(`label=${key}`)], plain)).toBe(false);
      expect(labelsMatchContainerd([label(`label!=${key}`)], plain)).toBe(true);
    }
  });

  it('a label really named __proto__ still matches', () => {
    const labels = JSON.parse('{"__proto__":"x"}') as Record<string, string>;
    expect(labelsMatch([label('label=__proto__=x')], labels)).toBe(true);
  });

  it('the two stores read label!=k=v differently when k is absent', () => {
    // Legacy: excluded only when k=v matches. containerd: a value check needs the label present.
    expect(labelsMatch([label('label!=env=prod')], plain)).toBe(true);
    expect(labelsMatchContainerd([label('label!=env=prod')], plain)).toBe(false);
    expect(labelsMatchContainerd([label('label!=maintainer=you')], plain)).toBe(true);
  });

  it('several label! filters: legacy excludes when all match, containerd when any does', () => {
    const filters = [label('label!=a'), label('label!=b')];
    expect(labelsMatch(filters, { a: '1' })).toBe(true);
    expect(labelsMatchContainerd(filters, { a: '1' })).toBe(false);
  });
});

describe('label filters say what is wrong with a line that is not one', () => {
  it('refuses the prune’s other filters written bare, and says where they go', () => {
    for (const text of ['until=24h', 'dangling=false']) expect(parseLabelFilter(text)).toMatchObject({ ok: false, message: expect.stringContaining('is not a label') });
    expect(parseLabelFilter('label=until=24h')).toMatchObject({ ok: true, value: { key: 'until', value: '24h' } });
  });

  it('refuses a filter longer than the backend takes, with the length', () => {
    expect(parseLabelFilter(`label=${'k'.repeat(600)}`)).toMatchObject({ ok: false, message: expect.stringContaining('606 characters') });
    expect(parseLabelFilter(`label=${'k'.repeat(500)}`).ok).toBe(true);
  });
});
