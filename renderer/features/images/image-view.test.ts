import { describe, expect, it } from 'vitest';
import { countView, filterRows } from './image-view';
import { row } from './test-rows';

const rows = [
  row({ key: 'a1', imageId: 'sha256:aaa', repository: 'alpine', tag: '3' }),
  row({ key: 'a2', imageId: 'sha256:aaa', repository: 'alpine', tag: 'latest' }),
  row({ key: 'd', imageId: 'sha256:ddd', repository: '<none>', tag: '<none>', dangling: true }),
];

describe('filterRows', () => {
  it('keeps only dangling rows when asked', () => {
    expect(filterRows(rows, { text: '', danglingOnly: true }).map((r) => r.key)).toEqual(['d']);
  });
  it('combines the text filter with the dangling toggle', () => {
    expect(filterRows(rows, { text: 'alpine', danglingOnly: false }).map((r) => r.key)).toEqual(['a1', 'a2']);
    expect(filterRows(rows, { text: 'alpine', danglingOnly: true })).toEqual([]);
  });
});

describe('countView', () => {
  it('counts distinct images and rows separately', () => {
    expect(countView(rows)).toEqual({ images: 2, rows: 3 });
  });
});
