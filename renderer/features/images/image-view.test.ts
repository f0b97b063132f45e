import { describe, expect, it } from 'vitest';
import { countView, filterRows, withUse } from './image-view';
import { row } from './test-rows';

const rows = withUse(
  [
    row({ key: 'a1', imageId: 'sha256:aaa', repository: 'alpine', tag: '3' }),
    row({ key: 'a2', imageId: 'sha256:aaa', repository: 'alpine', tag: 'latest' }),
    row({ key: 'd', imageId: 'sha256:ddd', repository: '<none>', tag: '<none>', dangling: true }),
    row({ key: 'u', imageId: 'sha256:uuu', repository: 'web', tag: '1' }),
  ],
  new Map([['sha256:uuu', { running: 1, stopped: 2 }]]),
);

describe('filterRows', () => {
  it('keeps only dangling rows when asked', () => {
    expect(filterRows(rows, { text: '', usage: 'dangling' }).map((r) => r.key)).toEqual(['d']);
  });
  it('splits the list into images containers use and the rest, like Docker Desktop', () => {
    expect(filterRows(rows, { text: '', usage: 'in-use' }).map((r) => r.key)).toEqual(['u']);
    expect(filterRows(rows, { text: '', usage: 'unused' }).map((r) => r.key)).toEqual(['a1', 'a2', 'd']);
    expect(rows.find((r) => r.key === 'u')?.use).toEqual({ running: 1, stopped: 2 });
  });
  it('combines the text filter with the usage filter', () => {
    expect(filterRows(rows, { text: 'alpine', usage: 'all' }).map((r) => r.key)).toEqual(['a1', 'a2']);
    expect(filterRows(rows, { text: 'alpine', usage: 'dangling' })).toEqual([]);
  });
});

describe('countView', () => {
  it('counts distinct images and rows separately', () => {
    expect(countView(rows)).toEqual({ images: 3, rows: 4 });
  });
});
