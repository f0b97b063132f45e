import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRefetchScheduler } from './refetch-scheduler';

/** A task whose runs finish only when the test says so. */
function controlledTask() {
  const finishers: Array<(ok: boolean) => void> = [];
  const task = vi.fn(() => new Promise<void>((resolve, reject) => finishers.push((ok) => (ok ? resolve() : reject(new Error('failed'))))));
  return {
    task,
    async finish(ok = true) {
      const f = finishers.shift();
      if (!f) throw new Error('no run in flight');
      f(ok);
      await vi.advanceTimersByTimeAsync(0);
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createRefetchScheduler', () => {
  it('starts the first fetch at once', () => {
    const { task } = controlledTask();
    createRefetchScheduler(task, 100).request();
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('never has two fetches in flight, and folds every request made meanwhile into one trailing fetch', async () => {
    const c = controlledTask();
    const s = createRefetchScheduler(c.task, 100);
    s.request();
    for (let i = 0; i < 50; i++) s.request();
    await vi.advanceTimersByTimeAsync(1000);
    expect(c.task).toHaveBeenCalledTimes(1);
    await c.finish();
    expect(c.task).toHaveBeenCalledTimes(2);
    await c.finish();
    await vi.advanceTimersByTimeAsync(1000);
    expect(c.task).toHaveBeenCalledTimes(2);
  });

  it('resolves a request only after a fetch that started after it has finished', async () => {
    const c = controlledTask();
    const s = createRefetchScheduler(c.task, 0);
    let firstDone = false;
    let secondDone = false;
    void s.request().then(() => (firstDone = true));
    void s.request().then(() => (secondDone = true));
    await c.finish();
    expect(firstDone).toBe(true);
    // The second request arrived while the first fetch was running: its data may predate the change.
    expect(secondDone).toBe(false);
    await c.finish();
    expect(secondDone).toBe(true);
  });

  it('keeps fetches at least minGapMs apart', async () => {
    const c = controlledTask();
    const s = createRefetchScheduler(c.task, 100);
    s.request();
    await vi.advanceTimersByTimeAsync(10);
    await c.finish();
    s.request();
    expect(c.task).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(80);
    expect(c.task).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(10);
    expect(c.task).toHaveBeenCalledTimes(2);
  });

  it('carries on after a failed fetch', async () => {
    const c = controlledTask();
    const s = createRefetchScheduler(c.task, 0);
    const first = s.request();
    s.request();
    await c.finish(false);
    await expect(first).resolves.toBeUndefined();
    expect(c.task).toHaveBeenCalledTimes(2);
  });

  it('starts nothing after dispose', async () => {
    const c = controlledTask();
    const s = createRefetchScheduler(c.task, 100);
    s.request();
    await c.finish();
    s.request();
    s.dispose();
    await vi.advanceTimersByTimeAsync(1000);
    expect(c.task).toHaveBeenCalledTimes(1);
  });
});
