import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { shortId } from '../../../shared/format';
import type { FreedReport, RemovalOutcome, RemovalPlan } from '../../../shared/removal-types';
import { useRemoval } from '../../stores/removal-store';
import { AlertIcon, CheckIcon } from '../../ui/icons';
import { ConflictView } from './ConflictView';
import { FreedComparison } from './FreedComparison';
import { displayTarget, outcomeCounts, outcomeView } from './removal-view';
import { joinSentences, listOf } from '../../i18n/lead';

/** `untaggedElsewhere`: names any target of the same removal took away (an outcome's remaining tags never include its own). */
function OutcomeText({ outcome, untaggedElsewhere }: { outcome: RemovalOutcome; untaggedElsewhere: ReadonlySet<string> }) {
  const { t, i18n } = useTranslation();
  const view = outcomeView(outcome);
  switch (view.kind) {
    case 'untagged': {
      // "The image stays, still tagged b" is no longer true once a later target removed b too.
      const remaining = view.remaining.filter((r) => !untaggedElsewhere.has(r));
      if (view.remaining.length > 0 && remaining.length === 0) return <p>{t('results.untaggedOnly', { refs: listOf(view.untagged, i18n.language) })}</p>;
      return (
        <p>
          {remaining.length > 0
            ? t('results.untaggedStays', { refs: listOf(view.untagged, i18n.language), tags: listOf(remaining, i18n.language) })
            : t('results.untaggedStaysUntagged', { refs: listOf(view.untagged, i18n.language) })}
        </p>
      );
    }
    case 'deleted':
      return (
        <p>
          {joinSentences([t('results.deleted', { ids: listOf(view.imageIds.map(shortId), i18n.language), count: view.imageIds.length }), view.untagged.length > 0 ? t('results.deletedUntagged', { refs: listOf(view.untagged, i18n.language), count: view.imageIds.length }) : null])}
        </p>
      );
    case 'kept':
      return (
        <p data-testid="remove-result-kept">
          {joinSentences([t('results.keptNamed', { refs: listOf(view.untagged, i18n.language), ids: listOf(view.kept.map(shortId), i18n.language), count: view.kept.length }), view.parents.length > 0 ? t('results.keptParents', { ids: listOf(view.parents.map(shortId), i18n.language), count: view.parents.length }) : null])}
        </p>
      );
    case 'conflict':
      return (
        <ul className="conflict-list">
          <ConflictView conflict={view.conflict} onShowContainers={(id) => useRemoval.getState().showContainers(id)} />
        </ul>
      );
    case 'error':
      return (
        <p className="result-error">
          {view.error.message}
          {view.error.detail && <span className="muted mono"> — {view.error.detail}</span>}
        </p>
      );
  }
}

/** What `docker rmi` did, target by target. */
export function RemovalResults({ outcomes, forced, freed, plan }: { outcomes: RemovalOutcome[]; forced: boolean; freed: FreedReport | null; plan: RemovalPlan | null }) {
  const { t } = useTranslation();
  const counts = outcomeCounts(outcomes);
  const untaggedByAny = useMemo(() => new Set(outcomes.flatMap((o) => o.untagged)), [outcomes]);
  return (
    <div className="results" data-testid="remove-results" data-forced={forced ? 'true' : 'false'}>
      <p className="results-summary" aria-live="polite">
        {t('results.summary', { deleted: counts.deletedImages, untagged: counts.untagged })}
        {counts.failed > 0 && <span className="danger-text"> · {t('results.refused', { count: counts.failed })}</span>}
      </p>
      {(counts.deletedImages > 0 || (plan?.totalBytes ?? 0) > 0) && <FreedComparison freed={freed} plan={plan} />}
      <ul className="results-list plan-scroll">
        {outcomes.map((outcome) => (
          <li key={outcome.target} className={`result ${outcome.ok ? 'is-ok' : 'is-failed'}`} data-testid="remove-result" data-target={outcome.target} data-ok={outcome.ok ? 'true' : 'false'}>
            <div className="result-head">
              {outcome.ok ? <CheckIcon className="ok-icon" /> : <AlertIcon className="danger-text" />}
              <span className="mono">{displayTarget(outcome.target)}</span>
            </div>
            <OutcomeText outcome={outcome} untaggedElsewhere={untaggedByAny} />
          </li>
        ))}
      </ul>
    </div>
  );
}
