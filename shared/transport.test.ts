import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWireCall } from './transport';

describe('a frame from the page, as the web host reads it', () => {
  it('is a call with its id, name and arguments when it says so', () => {
    expect(parseWireCall('{"type":"call","id":7,"name":"images.list","args":{"all":true}}')).toEqual({ ok: true, id: 7, name: 'images.list', args: { all: true } });
  });

  it('that is no call at all is told which types are accepted, not that an id is missing', () => {
    const nope = parseWireCall('{"type":"nope"}');
    expect(nope).toMatchObject({ ok: false, id: null, message: expect.stringMatching(/type "call".*"nope"/) });
    expect(parseWireCall('{"id":3}')).toMatchObject({ ok: false, id: 3, message: expect.stringMatching(/without one/) });
  });

  it('that is a call without a usable id says what an id is', () => {
    for (const id of ['"1"', '-1', '1.5', 'null', '9007199254740992']) {
      expect(parseWireCall(`{"type":"call","id":${id},"name":"x"}`)).toMatchObject({ ok: false, id: null, message: expect.stringMatching(/needs an "id"/) });
    }
  });

  it('never throws, whatever arrives, and answers every refusal in words', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.json(), fc.jsonValue().map((v) => JSON.stringify(v))), (text) => {
        const frame = parseWireCall(text);
        if (!frame.ok) expect(frame.message.length).toBeGreaterThan(10);
      }),
    );
  });
});
