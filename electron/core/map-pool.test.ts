import { describe, expect, it } from 'vitest';
import { mapPool } from './map-pool';

describe('mapping with a bounded number of calls in flight', () => {
  it('keeps the order of the items and never runs more calls at once than allowed', async () => {
    let inFlight = 0;
    let most = 0;
    const out = await mapPool(
      Array.from({ length: 40 }, (_, i) => i),
      async (i) => {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, (i * 7) % 5));
        inFlight -= 1;
        return i * 2;
      },
      3,
    );
    expect(out).toEqual(Array.from({ length: 40 }, (_, i) => i * 2));
    expect(most).toBe(3);
  });

  it('starts no further call once cancelled, and rejects with the reason', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const run = mapPool(
      Array.from({ length: 100 }, (_, i) => i),
      async (i) => {
        started.push(i);
        if (i === 5) controller.abort(new Error('stopped'));
        await new Promise((r) => setTimeout(r, 1));
      },
      2,
      controller.signal,
    );
    await expect(run).rejects.toThrow('stopped');
    expect(started.length).toBeLessThanOrEqual(7);
  });
});
