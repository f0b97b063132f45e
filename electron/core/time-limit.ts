/**
 * Settles as `value` does, or as `onLate` says once `ms` have passed first (its return value, or its
 * throw); the timer never outlives the race.
 */
export async function settleWithin<T, L>(value: Promise<T>, ms: number, onLate: () => L): Promise<T | L> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<L>((resolve, reject) => {
    timer = setTimeout(() => {
      try {
        resolve(onLate());
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    }, Math.max(0, ms));
  });
  try {
    return await Promise.race([value, late]);
  } finally {
    clearTimeout(timer);
  }
}
