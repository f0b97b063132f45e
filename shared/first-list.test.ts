import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIRST_LIST_ELEMENT_ID, firstListElement, jsonForScriptElement, parseFirstList, type FirstList } from './first-list';
import type { ImageSummary } from './image-types';

const status = { state: 'connected', host: 'unix:///var/run/docker.sock', hostSource: 'default', store: { kind: 'legacy', driver: 'overlay2' } } as const;
const hostileText = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('</script><script>alert(1)</script>', '<!--', '<script>', '</SCRIPT >', '\u2028\u2029', '-->', '&lt;'));
const summary: fc.Arbitrary<ImageSummary> = fc.record({
  id: hostileText,
  parentId: hostileText,
  repoTags: fc.array(hostileText, { maxLength: 3 }),
  repoDigests: fc.array(hostileText, { maxLength: 2 }),
  created: fc.integer(),
  size: fc.nat(),
  labels: fc.dictionary(hostileText, hostileText, { maxKeys: 3 }),
  containers: fc.integer({ min: -1, max: 50 }),
});
const firstList: fc.Arbitrary<FirstList> = fc.record({ status: fc.constant({ ...status }), images: fc.array(summary, { maxLength: 8 }), generation: fc.nat() });

/** What sits between the element's tags, as the HTML parser will hand it to the page. */
const innerOf = (element: string) => element.slice(element.indexOf('>') + 1, element.lastIndexOf('</script>'));

describe('the list written into the page', () => {
  it('cannot end its element early or open a comment, whatever an image name or label holds', () => {
    fc.assert(
      fc.property(firstList, (list) => {
        const element = firstListElement(list);
        // A script data block ends only at "</script" and changes state only at "<!--": with no "<"
        // in it, the HTML parser reads it to the closing tag the host wrote.
        expect(innerOf(element)).not.toMatch(/[<>]/);
        expect(element.match(/<\/script/gi)).toHaveLength(1);
        expect(element.startsWith(`<script type="application/json" id="${FIRST_LIST_ELEMENT_ID}">`)).toBe(true);
      }),
    );
  });

  it('reads back exactly the list the host wrote', () => {
    fc.assert(
      fc.property(firstList, (list) => {
        expect(parseFirstList(innerOf(firstListElement(list)))).toEqual(list);
      }),
    );
  });

  it('escapes only what the HTML parser would see, so JSON.parse gives the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(jsonForScriptElement(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('is ignored when it is not a list from a connected engine, so the page asks over its socket instead', () => {
    const good: FirstList = { status: { ...status }, images: [], generation: 0 };
    const text = (v: unknown) => JSON.stringify(v);
    expect(parseFirstList(text(good))).toEqual(good);
    expect(parseFirstList(null)).toBeNull();
    expect(parseFirstList('')).toBeNull();
    expect(parseFirstList('{"images":')).toBeNull();
    expect(parseFirstList(text({ ...good, status: { ...status, state: 'unreachable' } }))).toBeNull();
    expect(parseFirstList(text({ ...good, generation: -0.5 }))).toBeNull();
    expect(parseFirstList(text({ ...good, images: [{ id: 'sha256:1' }] }))).toBeNull();
    expect(parseFirstList(text({ ...good, images: [{ id: 'a', parentId: '', repoTags: [], repoDigests: [], created: 1, size: 1, labels: { a: 1 }, containers: 0 }] }))).toBeNull();
  });

  it('never throws on any text, and accepts nothing that is not shaped like a list', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const read = parseFirstList(text);
        if (read !== null) expect(Array.isArray(read.images) && read.status.state === 'connected').toBe(true);
      }),
    );
  });
});
