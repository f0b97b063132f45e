import { useEffect, useRef } from 'react';

/**
 * A dialog's progress and outcome sit under its form, often below the fold: bring them into view
 * whenever what they show changes (`key`), without scrolling when there is nothing to show.
 */
export function useReveal<T extends HTMLElement>(key: string | null) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (key !== null) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [key]);
  return ref;
}
