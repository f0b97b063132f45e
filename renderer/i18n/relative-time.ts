import type { TFunction } from 'i18next';
import { humanDuration } from '../../shared/format';

/**
 * "2 weeks ago" / "2 周前", the CLI's wording; unknown times (0) read as a dash, not 1970. The CLI
 * capitalises "About a minute ago" at the start of a column; inside a sentence it is lower case.
 */
export function relativeTime(t: TFunction, createdMs: number, nowMs: number, placement: 'alone' | 'in-sentence' = 'alone'): string {
  if (!Number.isFinite(createdMs) || createdMs <= 0) return t('time.unknown');
  const d = humanDuration(nowMs - createdMs);
  const text = t('time.ago', { duration: t(`duration.${d.key}`, { n: d.count }) });
  return placement === 'in-sentence' ? text.charAt(0).toLocaleLowerCase() + text.slice(1) : text;
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** Exact local date and time for hover text, in the UI language's conventions. */
export function exactDateTime(language: string, ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '';
  let format = dateTimeFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' });
    dateTimeFormats.set(language, format);
  }
  return format.format(ms);
}
