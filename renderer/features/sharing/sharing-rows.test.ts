import { describe, expect, it } from 'vitest';
import type { SharingGroup } from '../../../shared/sharing-types';
import { allNames, buildersAbove, imageLabel, imageMatches, visibleGroups } from './sharing-rows';

const group = (key: string, images: string[], children: SharingGroup[] = []): SharingGroup => ({
  key,
  layers: 1,
  bytes: 10,
  images,
  children,
  dependants: images.length + children.reduce((s, c) => s + c.dependants, 0),
});

describe('the layer-sharing tree on screen', () => {
  const roots = [group('base', ['alpine'], [group('web', ['web']), group('run', [], [group('api', ['api']), group('job', ['job'])])]), group('other', ['scratchy'])];
  const keys = (rows: ReturnType<typeof visibleGroups>) => rows.map((r) => `${'-'.repeat(r.depth)}${r.group.key}`);

  it('lists every group depth first, children under their parent', () => {
    expect(keys(visibleGroups(roots, new Set()))).toEqual(['base', '-web', '-run', '--api', '--job', 'other']);
  });

  it('hides what is under a closed group, and says the group has children', () => {
    const rows = visibleGroups(roots, new Set(['run']));
    expect(keys(rows)).toEqual(['base', '-web', '-run', 'other']);
    expect(rows.find((r) => r.group.key === 'run')).toMatchObject({ open: false, hasChildren: true });
  });

  it('keeps only the paths to images the filter keeps', () => {
    expect(keys(visibleGroups(roots, new Set(), (id) => id === 'job'))).toEqual(['base', '-run', '--job']);
    expect(visibleGroups(roots, new Set(), () => false)).toEqual([]);
  });

  it('walks a tree thousands of groups deep without overflowing', () => {
    let deep = group('leaf', ['leaf']);
    for (let i = 0; i < 20_000; i++) deep = group(`g${i}`, [], [deep]);
    expect(visibleGroups([deep], new Set())).toHaveLength(20_001);
  });

  it('counts the images that build on a group without ending at it', () => {
    expect(buildersAbove(roots[0]!)).toBe(3);
  });

  it('names an image by its first name, else its short ID, and finds it by name or ID start', () => {
    const image = { id: `sha256:${'ab'.repeat(32)}`, names: [] };
    expect(imageLabel(image)).toBe('abababababab');
    expect(imageLabel({ id: image.id, names: ['nginx:1.27'] })).toBe('nginx:1.27');
    expect(imageLabel({ id: image.id, names: ['127.0.0.1:5000/app:1', 'localhost/app:1', 'app@sha256:00', 'app:1'] })).toBe('app:1');
    expect(imageLabel({ id: image.id, names: ['reg.example.com/app:1'] })).toBe('reg.example.com/app:1');
    expect(allNames({ id: image.id, names: ['127.0.0.1:5000/app:1', 'app:1'] })).toBe('app:1\n127.0.0.1:5000/app:1');
    expect(imageMatches({ id: image.id, names: ['Nginx:1.27'] }, 'nginx')).toBe(true);
    expect(imageMatches(image, 'sha256:abab')).toBe(true);
    expect(imageMatches(image, 'baba')).toBe(false);
  });
});
