/** `docker image prune --filter …` values, parsed the way the engine reads them. */

export interface LabelFilter {
  negate: boolean;
  key: string;
  value: string | null;
}

export type FilterVerdict<T> = { ok: true; value: T } | { ok: false; message: string };

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go's time.ParseDuration: "24h", "1h30m", "90m", "2.5h". */
export function parseGoDuration(text: string): number | null {
  if (!/^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/.test(text)) return null;
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(n) * UNIT_MS[unit!]!;
  return total;
}

/**
 * `until`: a duration back from now, a Unix timestamp, or a date/time. Returned as Unix seconds so the
 * preview and the prune use the very same cut-off.
 */
export function parseUntil(text: string, nowMs: number): FilterVerdict<number> {
  const value = text.trim();
  const duration = parseGoDuration(value);
  if (duration !== null) return { ok: true, value: Math.floor((nowMs - duration) / 1000) };
  if (/^\d+(\.\d+)?$/.test(value)) return { ok: true, value: Math.floor(Number(value)) };
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return { ok: true, value: Math.floor(ms / 1000) };
  }
  return { ok: false, message: `"${text}" is not a time: use a duration like 24h or 90m, a date like 2026-01-31, or a Unix timestamp.` };
}

/** `label=k`, `label=k=v`, `label!=k`, `label!=k=v` (the leading `label=` may be omitted). */
export function parseLabelFilter(text: string): FilterVerdict<LabelFilter> {
  let rest = text.trim();
  let negate = false;
  if (rest.startsWith('label!=')) {
    negate = true;
    rest = rest.slice('label!='.length);
  } else if (rest.startsWith('label=')) {
    rest = rest.slice('label='.length);
  }
  const eq = rest.indexOf('=');
  const key = eq < 0 ? rest : rest.slice(0, eq);
  if (!key) return { ok: false, message: `"${text}" names no label: use label=key or label=key=value (label!=… to exclude).` };
  return { ok: true, value: { negate, key, value: eq < 0 ? null : rest.slice(eq + 1) } };
}

function allMatch(filters: LabelFilter[], labels: Record<string, string>): boolean {
  return filters.every((f) => f.key in labels && (f.value === null || labels[f.key] === f.value));
}

/** The engine's rule: every `label` filter must match; the image is excluded only if every `label!` matches. */
export function labelsMatch(filters: LabelFilter[], labels: Record<string, string>): boolean {
  const include = filters.filter((f) => !f.negate);
  const exclude = filters.filter((f) => f.negate);
  if (!allMatch(include, labels)) return false;
  return exclude.length === 0 || !allMatch(exclude, labels);
}
