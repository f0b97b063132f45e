import { describe, expect, it } from 'vitest';
import { JsonObjectSplitter } from './event-stream';

describe('JsonObjectSplitter: engine events arrive as JSON objects cut anywhere', () => {
  it('yields whole objects across chunk boundaries and keeps the partial tail', () => {
    const s = new JsonObjectSplitter();
    expect(s.push('{"Type":"image","Act')).toEqual([]);
    expect(s.push('ion":"tag"}\n{"Type":"container"')).toEqual([{ Type: 'image', Action: 'tag' }]);
    expect(s.push(',"Action":"destroy"}')).toEqual([{ Type: 'container', Action: 'destroy' }]);
  });

  it('is not fooled by braces inside strings or escaped quotes', () => {
    const s = new JsonObjectSplitter();
    expect(s.push('{"a":"}{\\"","b":{"c":1}}{"d":2}')).toEqual([{ a: '}{"', b: { c: 1 } }, { d: 2 }]);
  });

  it('skips a corrupt object and carries on', () => {
    const s = new JsonObjectSplitter();
    expect(s.push('{bad}{"ok":true}')).toEqual([{ ok: true }]);
  });
});
