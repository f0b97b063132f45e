/**
 * One run of some work shared by everyone who asks while it is in flight: the engine refuses a second
 * disk-usage walk while one runs ("a disk usage operation is already running"), and a second tab or a
 * double click should get the same answer rather than an error. The shared work is cancelled only
 * when every caller has cancelled.
 */
export class SharedRun<T> {
  private current: { promise: Promise<T>; controller: AbortController; waiting: number } | null = null;

  constructor(private readonly work: (signal: AbortSignal) => Promise<T>) {}

  join(signal: AbortSignal): Promise<T> {
    signal.throwIfAborted();
    if (!this.current) {
      const controller = new AbortController();
      const run = { promise: this.work(controller.signal), controller, waiting: 0 };
      this.current = run;
      const clear = () => {
        if (this.current === run) this.current = null;
      };
      run.promise.then(clear, clear);
    }
    const run = this.current;
    run.waiting++;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const leave = () => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        run.waiting--;
      };
      const onAbort = () => {
        leave();
        if (run.waiting === 0) run.controller.abort();
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort);
      run.promise.then(
        (value) => {
          leave();
          resolve(value);
        },
        (err: unknown) => {
          leave();
          reject(err);
        },
      );
    });
  }
}
