import { describe, expect, it } from 'vitest';
import { row } from '../images/test-rows';
import { refsForRows, repositoriesOf, rowsToRemove } from './bulk';

const rows = [
  row({ key: 'a1', repository: 'zeta/app', tag: '1' }),
  row({ key: 'a2', repository: 'alpha', tag: '2' }),
  row({ key: 'a3', repository: 'zeta/app', tag: '2' }),
  row({ key: 'b1', repository: '<none>', tag: '<none>', imageId: 'sha256:' + 'b'.repeat(64) }),
  row({ key: 'c1', repository: 'digest/only', tag: '<none>', digest: 'sha256:' + 'c'.repeat(64) }),
];

describe('repositoriesOf', () => {
  it('lists each tagged repository once, sorted, without <none> or digest-only rows', () => {
    expect(repositoriesOf(rows)).toEqual(['alpha', 'zeta/app']);
  });
});

describe('rowsToRemove', () => {
  it('takes the selection in list order', () => {
    expect(rowsToRemove(rows, new Set(['a3', 'a1']), 'a2').map((r) => r.key)).toEqual(['a1', 'a3']);
  });
  it('falls back to the row under the cursor, or nothing', () => {
    expect(rowsToRemove(rows, new Set(), 'a2').map((r) => r.key)).toEqual(['a2']);
    expect(rowsToRemove(rows, new Set(), null)).toEqual([]);
    expect(rowsToRemove(rows, new Set(), 'gone')).toEqual([]);
  });
});

describe('refsForRows', () => {
  it('names tagged rows by repo:tag and untagged ones by short ID or digest, each once', () => {
    expect(refsForRows([rows[0]!, rows[3]!, rows[4]!, rows[0]!])).toEqual(['zeta/app:1', 'bbbbbbbbbbbb', `digest/only@sha256:${'c'.repeat(64)}`]);
  });
});
