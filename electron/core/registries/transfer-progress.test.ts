import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registryError } from './registry-errors';
import { applyMessage, startProgress, type TransferMessage } from './transfer-progress';

const fold = (messages: TransferMessage[]) => messages.reduce(applyMessage, startProgress('x:1'));

describe('a pull or push as the engine reports it', () => {
  it('follows each layer from waiting to done, and sums only the bytes that move', () => {
    const p = fold([
      { status: 'Pulling from library/x', id: '1' },
      { status: 'Pulling fs layer', id: 'aaa' },
      { status: 'Already exists', id: 'bbb' },
      { status: 'Downloading', id: 'aaa', progressDetail: { current: 40, total: 100 } },
    ]);
    expect(p.layers.map((l) => [l.id, l.state, l.current, l.total])).toEqual([
      ['aaa', 'downloading', 40, 100],
      ['bbb', 'exists', 0, null],
    ]);
    expect([p.bytes, p.total, p.status]).toEqual([40, 100, 'Pulling from library/x']);
    const done = applyMessage(p, { status: 'Pull complete', id: 'aaa' });
    expect([done.bytes, done.layers[0]!.state]).toEqual([100, 'done']);
  });

  it('reads push words too: mounted and already-existing layers move nothing', () => {
    const p = fold([
      { status: 'Preparing', id: 'a' },
      { status: 'Mounted from team/base', id: 'b' },
      { status: 'Layer already exists', id: 'c' },
      { status: 'Pushing', id: 'a', progressDetail: { current: 5, total: 10 } },
      { status: 'Pushed', id: 'a' },
    ]);
    expect(p.layers.map((l) => l.state)).toEqual(['pushed', 'mounted', 'exists']);
    expect([p.bytes, p.total]).toEqual([10, 10]);
  });

  it('never throws and keeps every count within bounds, whatever the messages say', () => {
    const message = fc.record(
      {
        status: fc.oneof(fc.constantFrom('Downloading', 'Pushing', 'Pull complete', 'Already exists', 'Waiting', 'Extracting', 'Pushed'), fc.string()),
        id: fc.oneof(fc.constantFrom('a', 'b', 'c'), fc.string({ maxLength: 200 })),
        progressDetail: fc.record({ current: fc.oneof(fc.double(), fc.integer()), total: fc.oneof(fc.double(), fc.integer()) }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(message, { maxLength: 60 }), (messages) => {
        const p = fold(messages as TransferMessage[]);
        for (const l of p.layers) {
          expect(l.current).toBeGreaterThanOrEqual(0);
          if (l.total !== null) expect(l.current).toBeLessThanOrEqual(l.total);
          expect(l.id.length).toBeLessThanOrEqual(80);
        }
        expect(Number.isFinite(p.bytes)).toBe(true);
        if (p.total !== null) expect(p.bytes).toBeLessThanOrEqual(p.total);
      }),
      { numRuns: 300 },
    );
  });
});

describe('what a registry failure is called', () => {
  const code = (text: string) => registryError(text, 'pull', 'app:1', 'reg.example:5000').code;
  it('tells an authentication refusal, a missing name, an unreachable host and a timeout apart', () => {
    expect(code('unauthorized: authentication required')).toBe('AUTH');
    expect(code('manifest for reg.example:5000/app:1 not found: manifest unknown: manifest unknown')).toBe('NOT_FOUND');
    expect(code('Get "http://reg.example:5000/v2/": dial tcp 127.0.0.1:9: connect: connection refused')).toBe('NETWORK');
    expect(code('Get "https://registry-1.docker.io/v2/": net/http: request canceled (Client.Timeout exceeded while awaiting headers)')).toBe('TIMEOUT');
    expect(code('something else entirely')).toBe('ENGINE_ERROR');
  });

  it('reads a refused login as AUTH even inside 26.1’s "repository does not exist or may require docker login"', () => {
    const refused = registryError("pull access denied for reg.example:5000/app, repository does not exist or may require 'docker login': denied: authorization failed: no basic auth credentials", 'pull', 'app:1', 'reg.example:5000');
    expect(refused.code).toBe('AUTH');
    expect(refused.message).toBe('reg.example:5000 refused to let you pull app:1.');
    // Docker Hub's answer for a name that may simply not exist names no credentials: still a missing name.
    expect(code("pull access denied for nosuchimage, repository does not exist or may require 'docker login': denied: requested access to the resource is denied")).toBe('NOT_FOUND');
  });

  it('shows a mirror\u2019s own reason for refusing, and keeps the engine\u2019s words as detail', () => {
    const error = registryError('denied: this mirror only serves library/* images', 'pull', 'x/y:1', 'mirror.example');
    expect(error.code).toBe('AUTH');
    expect(error.message).toBe('mirror.example refused: this mirror only serves library/* images');
    expect(error.detail).toBe('denied: this mirror only serves library/* images');
  });
});
