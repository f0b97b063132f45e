import { afterEach, describe, expect, it, vi } from 'vitest';
import { ListPrefetch } from './list-prefetch';

const rows = [{ id: 'sha256:1', parentId: '', repoTags: ['a:1'], repoDigests: [], created: 1, size: 1, labels: {}, containers: -1 }];

describe('the list asked for before the page asks', () => {
  afterEach(() => vi.useRealTimers());

  it('is served once, to the first caller', async () => {
    const p = new ListPrefetch();
    p.start(async () => rows);
    expect(await p.take()).toBe(rows);
    expect(p.take()).toBeNull();
  });

  it('is dropped when the engine reports a change, so no one sees a list older than the change', () => {
    const p = new ListPrefetch();
    p.start(async () => rows);
    p.invalidate();
    expect(p.take()).toBeNull();
  });

  it('is not served once it is older than its age limit', () => {
    vi.useFakeTimers();
    const p = new ListPrefetch(1000);
    p.start(async () => rows);
    vi.advanceTimersByTime(1001);
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
