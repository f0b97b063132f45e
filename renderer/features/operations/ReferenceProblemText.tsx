import { useTranslation } from 'react-i18next';
import type { ReferenceProblem } from '../../../shared/reference';

/**
 * The grammar's verdict in the UI language, by problem code; the English message stays as the
 * fallback for a code this catalog does not know yet.
 */
export function ReferenceProblemText({ problem, part, message }: { problem: ReferenceProblem; part: string | null; message: string }) {
  const { t, i18n } = useTranslation();
  // "app:" has a colon and nothing after it: say so rather than quote an empty tag.
  const key = problem === 'bad-tag' && part === '' ? 'referenceProblems.empty-tag' : `referenceProblems.${problem}`;
  if (!i18n.exists(key)) return <>{message}</>;
  const shown = part === ' ' ? t('referenceProblems.space') : (part ?? '');
  return <>{t(key as 'referenceProblems.empty', { part: shown, lower: shown.toLowerCase() })}</>;
}
