import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowMatcher } from './image-rows';
import type { ImageRow } from './image-types';
import { filterFlags, globMatcher, parseQuery, rowPassesTerms } from './list-filters';

const row = (repository: string, tag: string, over: Partial<ImageRow> = {}): ImageRow => ({
  key: `${repository}:${tag}`,
  imageId: `sha256:${'a'.repeat(64)}`,
  repository,
  tag,
  digest: '',
  created: 100,
  size: 1,
  dangling: false,
  tagCount: 1,
  labels: {},
  ...over,
});

describe('reference patterns, as Go path.Match reads them', () => {
  it('lets * and ? stand for anything but a slash', () => {
    const m = globMatcher('fixture/*')!;
    expect(m('fixture/busybox')).toBe(true);
    expect(m('fixture/a/b')).toBe(false);
    expect(globMatcher('busy?ox:1*')!('busybox:1.36')).toBe(true);
    expect(globMatcher('*')!('127.0.0.1:5000/app')).toBe(false);
  });

  it('reads classes, negated classes and escapes, and refuses malformed patterns', () => {
    expect(globMatcher('app[0-9]')!('app7')).toBe(true);
    expect(globMatcher('app[^0-9]')!('app7')).toBe(false);
    expect(globMatcher('a\\*b')!('a*b')).toBe(true);
    expect(globMatcher('a\\*b')!('axb')).toBe(false);
    expect(globMatcher('app[')).toBeNull();
    expect(globMatcher('app\\')).toBeNull();
  });

  it('never throws and matches literal text literally, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const literal = text.replace(/[*?[\\]/g, '');
        expect(globMatcher(literal)?.(literal) ?? literal.includes('/')).toBe(true);
      }),
    );
  });
});

describe('the filter box with docker images --filter terms', () => {
  it('tells terms from plain words, and flags what the CLI would refuse', () => {
    const q = parseQuery('web dangling=false reference=fix* label=env=dev label=tier x=y');
    expect(q.words).toEqual(['web', 'x=y']);
    expect(filterFlags(q.terms)).toEqual(['dangling=false', 'reference=fix*', 'label=env=dev', 'label=tier']);
    expect(parseQuery('dangling=maybe reference= reference=[ before=app:1 Since=abc').problems.map((p) => p.problem)).toEqual(['dangling-value', 'empty-value', 'bad-pattern', 'by-time', 'by-time']);
  });

  it('tries a reference on repo:tag and on the repository alone, and any of several may match', () => {
    const terms = parseQuery('reference=busybox reference=app:1*').terms;
        expect(rowPassesTerms(row('busybox', 'latest'), terms)).toBe(true);
    expect(rowPassesTerms(row('app', '1.2'), terms)).toBe(true);
    expect(rowPassesTerms(row('app', '2.0'), terms)).toBe(false);
    expect(rowPassesTerms(row('<none>', '<none>', { dangling: true }), terms)).toBe(false);
    // An untagged image known by its repository's digest is matched by the repository.
    expect(rowPassesTerms(row('busybox', '<none>', { digest: 'sha256:1' }), terms)).toBe(true);
  });

  it('needs every label term, by key alone or key and value', () => {
    const r = row('app', '1', { labels: { env: 'dev', tier: '' } });
    expect(rowPassesTerms(r, parseQuery('label=env label=tier').terms)).toBe(true);
    expect(rowPassesTerms(r, parseQuery('label=env=dev').terms)).toBe(true);
    expect(rowPassesTerms(r, parseQuery('label=env=prod').terms)).toBe(false);
    expect(rowPassesTerms(r, parseQuery('label=owner').terms)).toBe(false);
  });

  it('leaves plain words as they were: every word somewhere in name, tag, ID or digest', () => {
    const rows = [row('fixture/busybox', '1'), row('web', 'latest', { imageId: `sha256:${'b'.repeat(64)}` })];
    expect(rows.filter(rowMatcher('busy 1'))).toHaveLength(1);
    expect(rows.filter(rowMatcher('bbbb'))).toHaveLength(1);
    expect(rows.filter(rowMatcher('dangling=yes'))).toHaveLength(0);
  });
});
