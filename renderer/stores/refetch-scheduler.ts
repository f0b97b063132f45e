/**
 * Coalesces "something changed, fetch again" requests: at most one fetch in flight, requests that
 * arrive meanwhile fold into a single trailing fetch, and fetches start at least `minGapMs` apart so
 * a burst of engine events costs one or two round trips instead of hundreds.
 */
export interface RefetchScheduler {
  /** Resolves once a fetch that started after this call has finished (successfully or not). */
  request(): Promise<void>;
  /** A fetch is running or waiting to start. */
  busy(): boolean;
  dispose(): void;
}

export function createRefetchScheduler(task: () => Promise<void>, minGapMs = 100): RefetchScheduler {
  let running = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastStart = Number.NEGATIVE_INFINITY;
  let waiting: Array<() => void> = [];
  let disposed = false;

  function start(): void {
    timer = null;
    running = true;
    lastStart = Date.now();
    const batch = waiting;
    waiting = [];
    let run: Promise<void>;
    try {
      run = task();
    } catch (err) {
      run = Promise.reject(err);
    }
    // The task reports its own errors (into a store); the scheduler only has to keep going.
    void run
      .catch(() => undefined)
      .finally(() => {
        running = false;
        for (const resolve of batch) resolve();
        if (waiting.length > 0) schedule();
      });
  }

  function schedule(): void {
    if (disposed || running || timer) return;
    const delay = lastStart + minGapMs - Date.now();
    if (delay <= 0) start();
    else timer = setTimeout(start, delay);
  }

  return {
    request() {
      const done = new Promise<void>((resolve) => waiting.push(resolve));
      schedule();
      return done;
    },
    busy: () => running || timer !== null || waiting.length > 0,
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      for (const resolve of waiting) resolve();
      waiting = [];
    },
  };
}
