import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEADER_HEIGHT, offsetShowing, ROW_HEIGHT } from './grid-geometry';

describe('scrolling a row into view', () => {
  it('leaves the scroll alone when the row is wholly visible under the header', () => {
    expect(offsetShowing(0, 0, 800)).toBeNull();
    expect(offsetShowing(5, 0, 800)).toBeNull();
  });

  it('scrolls up so a row above sits right under the header, and down so a row below sits at the bottom', () => {
    expect(offsetShowing(0, 320, 800)).toBe(0);
    expect(offsetShowing(100, 0, 800)).toBe(HEADER_HEIGHT + 101 * ROW_HEIGHT - 800);
  });

  it('always ends with the row fully visible and moves no further than needed', () => {
    fc.assert(
      fc.property(fc.nat(20_000), fc.nat(700_000), fc.integer({ min: HEADER_HEIGHT + ROW_HEIGHT, max: 4000 }), (index, offset, viewport) => {
        const target = offsetShowing(index, offset, viewport);
        const at = target ?? offset;
        const top = HEADER_HEIGHT + index * ROW_HEIGHT;
        expect(top).toBeGreaterThanOrEqual(at + HEADER_HEIGHT);
        expect(top + ROW_HEIGHT).toBeLessThanOrEqual(at + viewport);
        if (target !== null) expect(Math.min(Math.abs(top - HEADER_HEIGHT - target), Math.abs(top + ROW_HEIGHT - viewport - target))).toBe(0);
      }),
    );
  });
});
