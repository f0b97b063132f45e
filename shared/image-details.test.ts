import { describe, expect, it } from 'vitest';
import { isMetadataOnly, toImageDetails } from './image-details';

describe('isMetadataOnly: history entries that made no filesystem layer', () => {
  it.each([
    ['/bin/sh -c #(nop)  ENV LAYERS=yes', 0, true],
    ['/bin/sh -c #(nop)  CMD ["echo hello"]', 0, true],
    ['/bin/sh -c #(nop) COPY file:abc in /bin/busybox ', 0, false],
    ['/bin/sh -c rm /data/delete-me', 0, false],
    ['/bin/sh -c echo big > /x', 1200, false],
    ['ENV A=b', 0, true],
    ['LABEL a=b', 0, true],
    ['RUN /bin/sh -c true # buildkit', 0, false],
    ['COPY . /app # buildkit', 0, false],
  ])('%j (size %d) → %s', (createdBy, size, expected) => {
    expect(isMetadataOnly(createdBy, size)).toBe(expected);
  });
});

describe('toImageDetails', () => {
  it('reads an inspect document defensively, keeping the raw document', () => {
    const raw = { Id: 'sha256:1', Config: { Cmd: ['sh'], Entrypoint: null, Env: ['A=b'], ExposedPorts: { '8080/tcp': {}, '53/udp': {} }, Labels: null } };
    const d = toImageDetails(raw);
    expect(d).toMatchObject({ id: 'sha256:1', cmd: ['sh'], entrypoint: null, env: ['A=b'], exposedPorts: ['53/udp', '8080/tcp'], labels: {}, repoTags: [] });
    expect(d.raw).toBe(raw);
  });

  it('survives a document with nothing in it', () => {
    expect(toImageDetails(null)).toMatchObject({ id: '', env: [], layers: [] });
  });
});

describe('labels with hostile names', () => {
  it('keeps a label named __proto__ as a label, without touching the object’s prototype', () => {
    const raw = JSON.parse('{"Id":"sha256:x","Config":{"Labels":{"__proto__":"polluted","constructor":"c"}}}');
    const details = toImageDetails(raw);
    expect(Object.keys(details.labels).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(details.labels)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
