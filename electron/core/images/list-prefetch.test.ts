import { afterEach, describe, expect, it, vi } from 'vitest';
import { ListPrefetch } from './list-prefetch';

const rows = [{ id: 'sha256:1', parentId: '', repoTags: ['a:1'], repoDigests: [], created: 1, size: 1, labels: {}, containers: -1 }];

describe('the list asked for before the page asks', () => {
  afterEach(() => vi.useRealTimers());

  it('is served once, to the first caller', async () => {
    const p = new ListPrefetch();
    p.start(async () => rows);
    expect(await p.take()?.rows).toBe(rows);
    expect(p.take()).toBeNull();
  });

  it('is dropped when the engine reports a change, so no one sees a list older than the change', () => {
    const p = new ListPrefetch();
    const early = p.start(async () => rows);
    p.invalidate();
    expect(p.take()).toBeNull();
    expect(p.takeIf(early)).toBe(false);
  });

  it('counts the changes, so a list handed out earlier can be asked about later', () => {
    const p = new ListPrefetch();
    const early = p.start(async () => rows);
    expect(p.takeIf(early)).toBe(true);
    expect(p.generation).toBe(early.generation);
    p.invalidate();
    expect(p.generation).not.toBe(early.generation);
  });

  it('is not listed twice when a second asker comes while the first listing still serves', () => {
    const p = new ListPrefetch();
    const load = vi.fn(async () => rows);
    const first = p.start(load);
    expect(p.start(load)).toBe(first);
    expect(load).toHaveBeenCalledTimes(1);
    p.take();
    p.start(load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('is taken by one asker only: the page that got it written in, or the socket that asks', () => {
    const p = new ListPrefetch();
    const early = p.start(async () => rows);
    expect(p.take()).toBe(early);
    expect(p.takeIf(early)).toBe(false);
  });

  it('is not served once it is older than its age limit', () => {
    vi.useFakeTimers();
    const p = new ListPrefetch(1000);
    const early = p.start(async () => rows);
    vi.advanceTimersByTime(1001);
    expect(p.takeIf(early)).toBe(false);
    expect(p.take()).toBeNull();
  });

  it('does not raise an unhandled rejection when it fails and nobody takes it', async () => {
    const p = new ListPrefetch();
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    p.start(() => Promise.reject(new Error('engine down')));
    await new Promise((r) => setTimeout(r, 10));
    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
  });
});
