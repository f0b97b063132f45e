import { describe, expect, it } from 'vitest';
import { toImageDetails } from './image-details';

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
