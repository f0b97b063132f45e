import { useLayoutEffect, useRef, type RefObject } from 'react';
import { firstRowInView, ROW_HEIGHT } from './grid-geometry';

/**
 * An image added or removed above the rows in view (a build, a pull, a colleague's rmi) must not
 * slide them under the pointer: when the engine's list changes (`listVersion`, not a filter or sort),
 * the first row in view keeps its place, unless the list is at its top, where new images are meant
 * to be seen arriving.
 */
export function useRowsInPlace(scrollRef: RefObject<HTMLElement | null>, rows: readonly { key: string }[], listVersion: number, scrollOffset: number): void {
  const anchor = useRef<{ key: string; index: number; version: number } | null>(null);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const before = anchor.current;
    if (!el || !before || before.version === listVersion || el.scrollTop <= 0) return;
    const index = rows.findIndex((r) => r.key === before.key);
    if (index >= 0 && index !== before.index) el.scrollTop += (index - before.index) * ROW_HEIGHT;
  }, [rows, listVersion, scrollRef]);
  // After every render, so the anchor follows scrolling as well as list changes.
  useLayoutEffect(() => {
    const index = Math.min(rows.length - 1, firstRowInView(scrollOffset));
    const row = rows[index];
    anchor.current = row ? { key: row.key, index, version: listVersion } : null;
  });
}
