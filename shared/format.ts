/** Numbers shown the way the docker CLI shows them, so what users read here matches their terminal. */

const SIZE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'] as const;

/**
 * Like go-units HumanSizeWithPrecision(size, precision): decimal units, three significant digits as
 * `docker images` prints them; `docker system df` uses HumanSize, which is four.
 */
export function formatSize(bytes: number, precision = 3): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '-';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < SIZE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  let text = Number(value.toPrecision(precision));
  // Go's %.3g would print 999.95 as "1e+03"; step up a unit instead, which is what a reader expects.
  // (%.4g prints "1000", as docker system df does: no step there.)
  if (text >= 10 ** precision && unit < SIZE_UNITS.length - 1) {
    text = Number((text / 1000).toPrecision(precision));
    unit++;
  }
  return `${text}${SIZE_UNITS[unit]}`;
}

/** Thousands separators for exact byte counts on hover. */
// One formatter for every call: toLocaleString builds a new one each time, which shows at 5,000 rows.
const exactBytes = new Intl.NumberFormat('en-US');
export function formatBytesExact(bytes: number): string {
  return `${exactBytes.format(bytes)} B`;
}

export type DurationKey =
  | 'lessThanSecond'
  | 'second'
  | 'seconds'
  | 'aboutMinute'
  | 'minutes'
  | 'aboutHour'
  | 'hours'
  | 'days'
  | 'weeks'
  | 'months'
  | 'years';

export interface HumanDuration {
  key: DurationKey;
  count: number;
}

/** go-units HumanDuration, returned as a key and a count so each language phrases it itself. */
export function humanDuration(ms: number): HumanDuration {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return { key: 'lessThanSecond', count: 0 };
  if (seconds === 1) return { key: 'second', count: 1 };
  if (seconds < 60) return { key: 'seconds', count: seconds };
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return { key: 'aboutMinute', count: 1 };
  if (minutes < 60) return { key: 'minutes', count: minutes };
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return { key: 'aboutHour', count: 1 };
  if (hours < 48) return { key: 'hours', count: hours };
  if (hours < 24 * 7 * 2) return { key: 'days', count: Math.floor(hours / 24) };
  if (hours < 24 * 30 * 2) return { key: 'weeks', count: Math.floor(hours / 24 / 7) };
  if (hours < 24 * 365 * 2) return { key: 'months', count: Math.floor(hours / 24 / 30) };
  return { key: 'years', count: Math.floor(Math.floor(ms / 3_600_000) / 24 / 365) };
}

/** English rendering of humanDuration, as `docker images` prints it (without " ago"). */
export function humanDurationEnglish(d: HumanDuration): string {
  switch (d.key) {
    case 'lessThanSecond':
      return 'Less than a second';
    case 'second':
      return '1 second';
    case 'aboutMinute':
      return 'About a minute';
    case 'aboutHour':
      return 'About an hour';
    default:
      return `${d.count} ${d.key}`;
  }
}

/** `sha256:abcdef…` → `abcdef123456`, the 12 characters the CLI shows. */
export function shortId(id: string): string {
  const hex = id.startsWith('sha256:') ? id.slice(7) : id;
  return hex.slice(0, 12);
}
