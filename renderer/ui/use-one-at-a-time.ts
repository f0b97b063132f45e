import { useCallback, useRef } from 'react';

/**
 * Runs a task unless the last one is still going. The guard is set before any await, so a double
 * click starts one transfer, not two (React state would only say "busy" after the next render).
 */
export function useOneAtATime(): (task: () => Promise<void>) => Promise<void> {
  const busy = useRef(false);
  return useCallback(async (task) => {
    if (busy.current) return;
    busy.current = true;
    try {
      await task();
    } finally {
      busy.current = false;
    }
  }, []);
}
