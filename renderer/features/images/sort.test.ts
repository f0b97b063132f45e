import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRows, DEFAULT_SORT, nextSort, SORT_COLUMNS, sortRows } from './sort';
import { row } from './test-rows';

const keys = (rows: { key: string }[]) => rows.map((r) => r.key);

describe('sortRows', () => {
  it('defaults to newest first, like docker images', () => {
    const rows = [row({ key: 'old', created: 1 }), row({ key: 'new', created: 3 }), row({ key: 'mid', created: 2 })];
    expect(keys(sortRows(rows, DEFAULT_SORT))).toEqual(['new', 'mid', 'old']);
  });

  it('sorts repositories alphabetically with <none> after every real name, in both directions', () => {
    const rows = [row({ key: 'n', repository: '<none>' }), row({ key: 'b', repository: 'busybox' }), row({ key: 'a', repository: 'alpine' })];
    expect(keys(sortRows(rows, { column: 'repository', desc: false }))).toEqual(['a', 'b', 'n']);
    expect(keys(sortRows(rows, { column: 'repository', desc: true }))).toEqual(['n', 'b', 'a']);
  });

  it('orders numbers inside names naturally, as people count', () => {
    const rows = [row({ key: 'v10', tag: 'v10' }), row({ key: 'v9', tag: 'v9' }), row({ key: 'v1', tag: 'v1' })];
    expect(keys(sortRows(rows, { column: 'tag', desc: false }))).toEqual(['v1', 'v9', 'v10']);
  });

  it('sorts sizes numerically, not as text', () => {
    const rows = [row({ key: 'nine', size: 9 }), row({ key: 'hundred', size: 100 }), row({ key: 'ten', size: 10 })];
    expect(keys(sortRows(rows, { column: 'size', desc: true }))).toEqual(['hundred', 'ten', 'nine']);
  });

  it('breaks ties the same way whatever the direction, so equal rows keep their places', () => {
    const rows = [row({ key: 'x2', tag: '2', size: 5 }), row({ key: 'x1', tag: '1', size: 5 }), row({ key: 'y', size: 7 })];
    expect(keys(sortRows(rows, { column: 'size', desc: true }))).toEqual(['y', 'x1', 'x2']);
    expect(keys(sortRows(rows, { column: 'size', desc: false }))).toEqual(['x1', 'x2', 'y']);
  });

  it('does not reorder the input array', () => {
    const rows = [row({ key: 'a', created: 1 }), row({ key: 'b', created: 2 })];
    sortRows(rows, DEFAULT_SORT);
    expect(keys(rows)).toEqual(['a', 'b']);
  });
});

describe('sortRows across many lists (names ranked once and kept between sorts)', () => {
  const name = fc.oneof(fc.constantFrom('<none>', 'app', 'App', 'app2', 'app10', 'ä', 'a', 'b', 'v1.10', 'v1.9', 'x/y'), fc.string({ maxLength: 6 }));
  const rowArb = fc.record({ repository: name, tag: name, created: fc.integer({ min: 0, max: 3 }), size: fc.integer({ min: 0, max: 3 }) });

  it('gives exactly the order compareRows gives (the collator, pair by pair), list after list, as names come and go', () => {
    fc.assert(
      fc.property(fc.array(fc.array(rowArb, { maxLength: 90 }), { minLength: 1, maxLength: 8 }), fc.constantFrom(...SORT_COLUMNS), fc.boolean(), (lists, column, desc) => {
        for (const list of lists) {
          const rows = list.map((r, i) => row({ ...r, key: `k${i}` }));
          const sort = { column, desc };
          expect(keys(sortRows(rows, sort))).toEqual(keys([...rows].sort((a, b) => compareRows(sort, a, b))));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('nextSort', () => {
  it('flips the direction when the sorted column is clicked again', () => {
    expect(nextSort({ column: 'created', desc: true }, 'created')).toEqual({ column: 'created', desc: false });
  });
  it('starts names ascending and numbers descending', () => {
    expect(nextSort(DEFAULT_SORT, 'repository')).toEqual({ column: 'repository', desc: false });
    expect(nextSort({ column: 'tag', desc: false }, 'size')).toEqual({ column: 'size', desc: true });
  });
});
