import { describe, expect, it } from 'vitest';
import type { ImageSummary } from './image-types';
import { matchesFilter, rowReference, splitRepoTag, toImageRows } from './image-rows';

const image = (over: Partial<ImageSummary>): ImageSummary => ({
  id: 'sha256:' + 'a'.repeat(64),
  parentId: '',
  repoTags: [],
  repoDigests: [],
  created: 1_700_000_000,
  size: 1_990_000,
  labels: {},
  containers: -1,
  ...over,
});

describe('splitRepoTag', () => {
  it('splits at the tag colon, not at a registry port', () => {
    expect(splitRepoTag('127.0.0.1:5055/fixture/busybox:1')).toEqual({ repository: '127.0.0.1:5055/fixture/busybox', tag: '1' });
    expect(splitRepoTag('busybox:latest')).toEqual({ repository: 'busybox', tag: 'latest' });
    expect(splitRepoTag('registry:5000/app')).toEqual({ repository: 'registry:5000/app', tag: '<none>' });
  });
});

describe('toImageRows, one row per tag like `docker images`', () => {
  it('gives an image with three tags three rows sharing one ID', () => {
    const rows = toImageRows([image({ repoTags: ['a:1', 'a:latest', 'b:v1'] })]);
    expect(rows.map((r) => `${r.repository}:${r.tag}`)).toEqual(['a:1', 'a:latest', 'b:v1']);
    expect(new Set(rows.map((r) => r.imageId)).size).toBe(1);
    expect(rows.every((r) => r.tagCount === 3 && !r.dangling)).toBe(true);
  });

  it('attaches the digest of the same repository only', () => {
    const rows = toImageRows([image({ repoTags: ['reg:5000/a:1', 'b:1'], repoDigests: ['reg:5000/a@sha256:' + 'd'.repeat(64)] })]);
    expect(rows[0]!.digest).toBe('sha256:' + 'd'.repeat(64));
    expect(rows[1]!.digest).toBe('');
  });

  it('shows an untagged image as <none> <none> whether the engine sent null-ish or <none>:<none>', () => {
    for (const repoTags of [[], ['<none>:<none>']]) {
      const [row] = toImageRows([image({ repoTags, repoDigests: ['<none>@<none>'] })]);
      expect(row).toMatchObject({ repository: '<none>', tag: '<none>', dangling: true, digest: '' });
    }
  });

  it('shows an untagged image pulled by digest under its repository with tag <none>', () => {
    const [row] = toImageRows([image({ repoDigests: ['nginx@sha256:' + 'e'.repeat(64)] })]);
    expect(row).toMatchObject({ repository: 'nginx', tag: '<none>', digest: 'sha256:' + 'e'.repeat(64) });
  });

  it('does not call an untagged parent of a listed image dangling (it is an intermediate image)', () => {
    const parent = image({ id: 'sha256:' + 'p'.repeat(64) });
    const child = image({ id: 'sha256:' + 'c'.repeat(64), parentId: parent.id, repoTags: ['child:1'] });
    const rows = toImageRows([parent, child]);
    expect(rows.find((r) => r.imageId === parent.id)?.dangling).toBe(false);
  });

  it('calls every nameless image dangling on the containerd store, parents included, as its dangling filter does', () => {
    const parent = image({ id: 'sha256:' + 'p'.repeat(64) });
    const child = image({ id: 'sha256:' + 'c'.repeat(64), parentId: parent.id, repoTags: ['child:1'] });
    const rows = toImageRows([parent, child], 'containerd');
    expect(rows.find((r) => r.imageId === parent.id)?.dangling).toBe(true);
    expect(rows.find((r) => r.imageId === child.id)?.dangling).toBe(false);
  });
});

describe('matchesFilter', () => {
  const [row] = toImageRows([image({ id: 'sha256:6b6975a71c15' + 'f'.repeat(52), repoTags: ['fixture/busybox:stable'], repoDigests: ['fixture/busybox@sha256:6f76663d1a70' + '0'.repeat(52)] })]);
  it.each([
    ['busy', true],
    ['STABLE', true],
    ['fixture/busybox:stable', true],
    ['6b6975', true],
    ['sha256:6b6975', true],
    ['6f76663d1a70', true],
    ['busybox stable', true],
    ['busybox latest', false],
    ['nginx', false],
    ['   ', true],
  ])('query %j → %s', (query, expected) => {
    expect(matchesFilter(row!, query)).toBe(expected);
  });
});

describe('rowReference, what a docker command should name', () => {
  it('uses repo:tag when tagged, repo@digest when only digested, else the short ID', () => {
    const rows = toImageRows([
      image({ repoTags: ['a:1'] }),
      image({ id: 'sha256:' + 'b'.repeat(64), repoDigests: ['n@sha256:' + 'e'.repeat(64)] }),
      image({ id: 'sha256:' + 'c'.repeat(64) }),
    ]);
    expect(rows.map(rowReference)).toEqual(['a:1', 'n@sha256:' + 'e'.repeat(64), 'c'.repeat(12)]);
  });
});

describe('toImageRows with reuse', () => {
  const image = (id: string, repoTags: string[], parentId = '') => ({ id, parentId, repoTags, repoDigests: [], created: 1, size: 1, labels: {}, containers: -1 });
  it('hands back the same row objects for a summary it has seen, and fresh ones for a changed summary', () => {
    const reuse = new WeakMap();
    const a = image('sha256:a', ['app:1', 'app:2']);
    const b = image('sha256:b', ['lib:1']);
    const first = toImageRows([a, b], 'legacy', reuse);
    const b2 = image('sha256:b', ['lib:1', 'lib:2']);
    const second = toImageRows([a, b2], 'legacy', reuse);
    expect(second.slice(0, 2)).toEqual(first.slice(0, 2));
    expect(second[0]).toBe(first[0]);
    expect(second.slice(2).map((r) => r.tag)).toEqual(['1', '2']);
    expect(second).toEqual(toImageRows([a, b2], 'legacy'));
  });

  it('rebuilds an untagged image whose dangling status changed because a child came or went', () => {
    const reuse = new WeakMap();
    const parent = image('sha256:p', []);
    const child = image('sha256:c', ['app:1'], 'sha256:p');
    expect(toImageRows([parent], 'legacy', reuse)[0]!.dangling).toBe(true);
    expect(toImageRows([parent, child], 'legacy', reuse)[0]!.dangling).toBe(false);
  });
});
