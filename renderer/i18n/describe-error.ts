import type { i18n as I18n } from 'i18next';
import type { StevedoreError } from '../../shared/errors';

export interface ErrorText {
  title: string;
  hint: string;
  /** The backend's own words, for the curious and for bug reports. */
  technical: string;
}

/**
 * English keeps the backend's message and hint: they are written in plain English and name the exact
 * operation. Other languages translate by code, and the English message moves to the technical details.
 */
export function describeError(i18n: I18n, error: StevedoreError): ErrorText {
  const english = i18n.resolvedLanguage === 'en' || i18n.language === 'en';
  const t = i18n.t;
  // A precise message with its own translation: the code's generic words would lose what went wrong.
  const key = error.i18n ? `problems.${error.i18n.key}` : null;
  if (!english && key && i18n.exists(key)) {
    const values = error.i18n!.values;
    const hint = i18n.exists(`${key}_hint`) ? t(`${key}_hint` as never, values) : i18n.exists(`errors.${error.code}.hint`) ? t(`errors.${error.code}.hint`) : '';
    return { title: t(key as never, values), hint, technical: [error.message, error.detail].filter(Boolean).join('\n') };
  }
  const known = i18n.exists(`errors.${error.code}.message`);
  const title = english ? error.message || (known ? t(`errors.${error.code}.message`) : '') : known ? t(`errors.${error.code}.message`) : error.message;
  const hint = english ? (error.hint ?? (known ? t(`errors.${error.code}.hint`) : '')) : known ? t(`errors.${error.code}.hint`) : (error.hint ?? '');
  const technical = (english ? [error.detail] : [error.message, error.detail]).filter((s): s is string => !!s && s !== title).join('\n');
  return { title, hint, technical };
}
