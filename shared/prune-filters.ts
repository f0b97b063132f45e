/** `docker image prune --filter …` values, parsed the way the engine reads them. */

export interface LabelFilter {
  negate: boolean;
  key: string;
  value: string | null;
}

export type FilterVerdict<T> = { ok: true; value: T } | { ok: false; message: string };

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** Go's time.Duration is an int64 of nanoseconds: about 292 years. Longer ones are an error there. */
const MAX_DURATION_MS = 9_223_372_036_854;
const INT64_MAX = 9_223_372_036_854_775_807n;

/** Go's time.ParseDuration: "24h", "1h30m", "90m", "2.5h". */
export function parseGoDuration(text: string): number | null {
  if (!/^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/.test(text)) return null;
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(n) * UNIT_MS[unit!]!;
  return total <= MAX_DURATION_MS ? total : null;
}

/** A calendar date that exists: 2026-02-30 is refused, as Go's time.Parse refuses it. */
function realDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * `until`: a duration back from now, a Unix timestamp, or a date/time — only what the engine's
 * GetTimestamp accepts, so a value the preview takes is one the engine takes. Returned as Unix seconds
 * so the preview and the prune use the very same cut-off.
 */
export function parseUntil(text: string, nowMs: number): FilterVerdict<number> {
  const fail: FilterVerdict<number> = { ok: false, message: `"${text}" is not a time: use a duration like 24h or 90m, a date like 2026-01-31, or a Unix timestamp.` };
  const duration = parseGoDuration(text);
  if (duration !== null) return { ok: true, value: Math.floor((nowMs - duration) / 1000) };
  const number = /^(\d+)(?:\.(\d{1,9}))?$/.exec(text);
  if (number) return BigInt(number[1]!) <= INT64_MAX ? { ok: true, value: Math.floor(Number(number[1])) } : fail;
  const dt = DATE_TIME.exec(text);
  if (!dt) return fail;
  const [, y, mo, d, h = '00', mi = '00', sec = '00'] = dt;
  if (!realDate(Number(y), Number(mo), Number(d)) || Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return fail;
  // Without a zone the engine reads the time as its own local time; so does the preview.
  const ms = Date.parse(dt[8] ? text.replace(' ', 'T') : `${y}-${mo}-${d}T${h}:${mi}:${sec}${dt[7] ?? ''}`);
  return Number.isNaN(ms) ? fail : { ok: true, value: Math.floor(ms / 1000) };
}

/** `label=k`, `label=k=v`, `label!=k`, `label!=k=v` (the leading `label=` may be omitted). */
/** The longest label filter the backend takes. */
export const MAX_LABEL_FILTER = 512;

export function parseLabelFilter(text: string): FilterVerdict<LabelFilter> {
  let rest = text.trim();
  let negate = false;
  if (rest.length > MAX_LABEL_FILTER) return { ok: false, message: `A label filter of ${rest.length} characters is too long: at most ${MAX_LABEL_FILTER}.` };
  if (rest.startsWith('label!=')) {
    negate = true;
    rest = rest.slice('label!='.length);
  } else if (rest.startsWith('label=')) {
    rest = rest.slice('label='.length);
  } else if (/^(until|dangling)=/.test(rest)) {
    // Written bare, these are the prune's other filters, not labels: say where they go.
    return { ok: false, message: `"${rest.split('=')[0]}=" is not a label: set the age under Older than and dangling or all with the mode above; for a label of that name write label=${rest}.` };
  }
  const eq = rest.indexOf('=');
  const key = eq < 0 ? rest : rest.slice(0, eq);
  if (!key) return { ok: false, message: `"${text}" names no label: use label=key or label=key=value (label!=… to exclude).` };
  return { ok: true, value: { negate, key, value: eq < 0 ? null : rest.slice(eq + 1) } };
}

/** Only the image's own labels count: "constructor" or "__proto__" is not a label every object has. */
function has(labels: Record<string, string>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key);
}

function allMatch(filters: LabelFilter[], labels: Record<string, string>): boolean {
  return filters.every((f) => has(labels, f.key) && (f.value === null || labels[f.key] === f.value));
}

/** The legacy store's rule: every `label` filter must match; the image is excluded only if every `label!` matches. */
export function labelsMatch(filters: LabelFilter[], labels: Record<string, string>): boolean {
  const include = filters.filter((f) => !f.negate);
  const exclude = filters.filter((f) => f.negate);
  if (!allMatch(include, labels)) return false;
  return exclude.length === 0 || !allMatch(exclude, labels);
}

/**
 * The containerd store's rule (setupLabelFilter): every check must pass on its own. `label!=k` passes
 * when k is absent; `label!=k=v` only when k is present with another value.
 */
export function labelsMatchContainerd(filters: LabelFilter[], labels: Record<string, string>): boolean {
  return filters.every((f) => {
    const exists = has(labels, f.key);
    if (f.value === null) return f.negate ? !exists : exists;
    if (!exists) return false;
    return (labels[f.key] === f.value) !== f.negate;
  });
}
