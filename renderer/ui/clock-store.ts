import { create } from 'zustand';

/** One shared clock for relative times ("2 minutes ago"), so visible rows age together without per-row timers. */
export const useClock = create<{ now: number }>()(() => ({ now: Date.now() }));

let timer: ReturnType<typeof setInterval> | null = null;
/** Catches the clock up now: a list just fetched may hold an image made seconds ago. */
export function tickClock(): void {
  useClock.setState({ now: Date.now() });
}

export function startClock(intervalMs = 15_000): () => void {
  if (!timer) timer = setInterval(tickClock, intervalMs);
  return () => {
    if (timer) clearInterval(timer);
    timer = null;
  };
}
