/** Every row has this height (CSS agrees), so positions are arithmetic rather than measured. */
export const ROW_HEIGHT = 32;
/** The sticky column header inside the scroll container, above the rows. */
export const HEADER_HEIGHT = 34;

/** The scroll offset that brings row `index` fully into view under the sticky header, or null if it is. */
export function offsetShowing(index: number, offset: number, viewport: number): number | null {
  const top = HEADER_HEIGHT + index * ROW_HEIGHT;
  if (top < offset + HEADER_HEIGHT) return top - HEADER_HEIGHT;
  if (top + ROW_HEIGHT > offset + viewport) return top + ROW_HEIGHT - viewport;
  return null;
}

/** The first row wholly in view under the sticky header at this scroll offset. */
export function firstRowInView(offset: number): number {
  return Math.ceil(offset / ROW_HEIGHT);
}
