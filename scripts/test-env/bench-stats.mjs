// The figures every benchmark prints, computed and written one way, so they compare across scripts.

const ascending = (xs) => [...xs].sort((a, b) => a - b);

/** The middle value; for an even count the mean of the two middle ones (so 2 runs do not report the worse). */
export function median(xs) {
  const s = ascending(xs);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The value `p` (0–1) of the way up: percentile(xs, 0.95) is the p95. */
export const percentile = (xs, p) => ascending(xs)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;

export const ms = (x) => `${Number.isFinite(x) ? x.toFixed(0) : '–'} ms`;

/** Whole mebibytes, as a bare number for tables whose header names the unit. */
export const inMiB = (bytes) => (bytes / 1048576).toFixed(0);

export const mib = (bytes) => `${inMiB(bytes)} MiB`;
