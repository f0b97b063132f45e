import { parseLabelFilter, parseUntil } from '../../../shared/prune-filters';
import { pruneCommand } from '../../../shared/prune-command';
import { comparePruneWithPlan, differenceKey } from '../../../shared/prune-compare';
import type { PruneDifference, PruneFilters, PruneResult, RemovalPlan } from '../../../shared/removal-types';

/** What the prune dialog's fields hold, as typed. */
export interface PruneForm {
  all: boolean;
  until: string;
  /** One label filter per line. */
  labels: string;
}

export const EMPTY_PRUNE_FORM: PruneForm = { all: false, until: '', labels: '' };

/** `until` quick picks: Go durations, because that is what `--filter until=` takes. */
export const UNTIL_PICKS = [
  { value: '24h', labelKey: 'prune.pick24h' },
  { value: '168h', labelKey: 'prune.pick7d' },
  { value: '720h', labelKey: 'prune.pick30d' },
] as const;

export interface PruneFormCheck {
  /** What goes to the backend once the form is valid. */
  filters: PruneFilters;
  /** The cut-off the until text means right now (Unix seconds), or null for any age. */
  cutoff: number | null;
  untilInvalid: boolean;
  /** Lines that are not label filters, by 1-based line number. */
  badLabels: { line: number; text: string }[];
  valid: boolean;
  /** The command of the filters that are valid so far. */
  command: string;
}

export function checkPruneForm(form: PruneForm, nowMs: number): PruneFormCheck {
  const until = form.until.trim();
  const parsedUntil = until ? parseUntil(until, nowMs) : null;
  const lines = form.labels.split('\n').map((text, i) => ({ line: i + 1, text: text.trim() }));
  const labels = lines.filter((l) => l.text !== '');
  const badLabels = labels.filter((l) => !parseLabelFilter(l.text).ok);
  const filters: PruneFilters = { all: form.all };
  if (until) filters.until = until;
  if (labels.length > 0) filters.labels = labels.map((l) => l.text);
  const untilInvalid = parsedUntil !== null && !parsedUntil.ok;
  // The command shows what would run: a line the form flags is left out until it is fixed.
  const runnable: PruneFilters = { all: form.all };
  if (until && !untilInvalid) runnable.until = until;
  const goodLabels = labels.filter((l) => !badLabels.includes(l));
  if (goodLabels.length > 0) runnable.labels = goodLabels.map((l) => l.text);
  return {
    filters,
    cutoff: parsedUntil?.ok ? parsedUntil.value : null,
    untilInvalid,
    badLabels,
    valid: !untilInvalid && badLabels.length === 0,
    command: pruneCommand(runnable),
  };
}

/**
 * Every way the engine's report differs from what the user was shown: the backend compares against
 * the plan it recomputed just before pruning, and we compare against the preview on screen, which may
 * be older. Empty means the prune did exactly what the preview said.
 */
export function pruneDifferences(shown: RemovalPlan, result: PruneResult): PruneDifference[] {
  const merged = new Map<string, PruneDifference>();
  for (const d of [...result.differences, ...comparePruneWithPlan(shown, result)]) merged.set(differenceKey(d), d);
  return [...merged.values()];
}
