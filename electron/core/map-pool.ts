const CONCURRENCY = 8;

/**
 * Maps with at most eight calls in flight (by default): enough to hide the engine's latency without
 * flooding it. Once `signal` aborts no further call starts, so a cancelled reading of thousands of
 * images stops asking the engine.
 */
export async function mapPool<T, R>(items: T[], fn: (item: T) => Promise<R>, concurrency = CONCURRENCY, signal?: AbortSignal): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      signal?.throwIfAborted();
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return out;
}
