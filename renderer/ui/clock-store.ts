import { create } from 'zustand';

/** One shared clock for relative times ("2 minutes ago"), so visible rows age together without per-row timers. */
export const useClock = create<{ now: number }>()(() => ({ now: Date.now() }));

let timer: ReturnType<typeof setInterval> | null = null;
export function startClock(intervalMs = 30_000): () => void {
  if (!timer) timer = setInterval(() => useClock.setState({ now: Date.now() }), intervalMs);
  return () => {
    if (timer) clearInterval(timer);
    timer = null;
  };
}
