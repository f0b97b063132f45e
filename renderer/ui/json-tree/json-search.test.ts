import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../shared/image-types';
import { allContainerPaths, childPath, defaultExpanded, searchJson, splitHighlight } from './json-search';

const doc: JsonValue = {
  Id: 'sha256:abc',
  RepoTags: ['fixture/busybox:1'],
  Config: {
    Env: ['PATH=/usr/bin', 'GREETING=hello'],
    Labels: { 'org.opencontainers.image.title': 'Busy', maintainer: 'ops' },
    Cmd: ['/bin/sh'],
  },
  Size: 1990000,
  Os: 'linux',
};

describe('childPath', () => {
  it('escapes slashes and tildes so every key has one unambiguous path', () => {
    expect(childPath('', 'a/b')).toBe('/a~1b');
    expect(childPath('/x', 'c~d')).toBe('/x/c~0d');
    expect(childPath('/Env', 0)).toBe('/Env/0');
  });
});

describe('searchJson', () => {
  it('finds values and opens the containers on the way to them', () => {
    const s = searchJson(doc, 'hello');
    expect([...s.matched]).toEqual(['/Config/Env/1']);
    expect([...s.expanded].sort()).toEqual(['', '/Config', '/Config/Env']);
    expect(s.visible.has('/Config/Env/1')).toBe(true);
    // Siblings that do not match are filtered out.
    expect(s.visible.has('/Config/Env/0')).toBe(false);
    expect(s.visible.has('/Os')).toBe(false);
  });

  it('matches keys case-insensitively and shows what the key holds', () => {
    const s = searchJson(doc, 'LABELS');
    expect([...s.matched]).toEqual(['/Config/Labels']);
    expect(s.visible.has('/Config/Labels/maintainer')).toBe(true);
    expect(s.expanded.has('/Config/Labels')).toBe(false);
  });

  it('matches numbers and dotted label keys', () => {
    expect([...searchJson(doc, '1990').matched]).toEqual(['/Size']);
    expect([...searchJson(doc, 'image.title').matched]).toEqual(['/Config/Labels/org.opencontainers.image.title']);
  });

  it('does not treat array indices as keys', () => {
    expect(searchJson(doc, '0').matched.has('/Config/Env/0')).toBe(false);
  });

  it('matches nothing for a blank query', () => {
    expect(searchJson(doc, '   ').matched.size).toBe(0);
  });
});

describe('expansion helpers', () => {
  it('lists every object and array for "expand all"', () => {
    expect([...allContainerPaths(doc)].sort()).toEqual(['', '/Config', '/Config/Cmd', '/Config/Env', '/Config/Labels', '/RepoTags']);
  });
  it('opens the root and Config by default', () => {
    expect([...defaultExpanded(doc)].sort()).toEqual(['', '/Config']);
  });
});

describe('splitHighlight', () => {
  it('marks every occurrence, keeping the original case', () => {
    expect(splitHighlight('PATH=/usr/bin:/bin', 'bin')).toEqual([
      { text: 'PATH=/usr/', hit: false },
      { text: 'bin', hit: true },
      { text: ':/', hit: false },
      { text: 'bin', hit: true },
    ]);
    expect(splitHighlight('Hello', 'HEL')).toEqual([
      { text: 'Hel', hit: true },
      { text: 'lo', hit: false },
    ]);
  });
});
