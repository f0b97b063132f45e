import { describe, expect, it } from 'vitest';
import { SharedRun } from './shared-run';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('one shared run for concurrent callers', () => {
  it('starts the work once for callers who ask while it runs, and gives each the same answer', async () => {
    let starts = 0;
    const gate = deferred<number>();
    const run = new SharedRun(async () => {
      starts++;
      return gate.promise;
    });
    const a = run.join(new AbortController().signal);
    const b = run.join(new AbortController().signal);
    gate.resolve(42);
    expect(await Promise.all([a, b])).toEqual([42, 42]);
    expect(starts).toBe(1);
  });

  it('cancels the work only when every caller has cancelled', async () => {
    const seen: AbortSignal[] = [];
    const run = new SharedRun(
      (signal) =>
        new Promise<number>((_, reject) => {
          seen.push(signal);
          signal.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    );
    const ca = new AbortController();
    const cb = new AbortController();
    const a = run.join(ca.signal).catch((e: Error) => e.name);
    const b = run.join(cb.signal).catch((e: Error) => e.name);
    ca.abort();
    await a;
    expect(seen[0]!.aborted).toBe(false);
    cb.abort();
    await b;
    expect(seen[0]!.aborted).toBe(true);
  });

  it('starts afresh once the previous run is over', async () => {
    let starts = 0;
    const run = new SharedRun(async () => ++starts);
    expect(await run.join(new AbortController().signal)).toBe(1);
    expect(await run.join(new AbortController().signal)).toBe(2);
  });
});
