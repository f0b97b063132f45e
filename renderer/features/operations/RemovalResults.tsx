import { useTranslation } from 'react-i18next';
import { shortId } from '../../../shared/format';
import type { RemovalOutcome } from '../../../shared/removal-types';
import { useRemoval } from '../../stores/removal-store';
import { AlertIcon, CheckIcon } from '../../ui/icons';
import { ConflictView } from './ConflictView';
import { displayTarget, outcomeCounts, outcomeView } from './removal-view';

function OutcomeText({ outcome }: { outcome: RemovalOutcome }) {
  const { t } = useTranslation();
  const view = outcomeView(outcome);
  switch (view.kind) {
    case 'untagged':
      return (
        <p>
          {view.remaining.length > 0
            ? t('results.untaggedStays', { refs: view.untagged.join(', '), tags: view.remaining.join(', ') })
            : t('results.untaggedStaysUntagged', { refs: view.untagged.join(', ') })}
        </p>
      );
    case 'deleted':
      return (
        <p>
          {t('results.deleted', { ids: view.imageIds.map(shortId).join(', '), count: view.imageIds.length })}
          {view.untagged.length > 0 && <span className="muted"> {t('results.deletedUntagged', { refs: view.untagged.join(', ') })}</span>}
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
export function RemovalResults({ outcomes, forced }: { outcomes: RemovalOutcome[]; forced: boolean }) {
  const { t } = useTranslation();
  const counts = outcomeCounts(outcomes);
  return (
    <div className="results" data-testid="remove-results" data-forced={forced ? 'true' : 'false'}>
      <p className="results-summary" aria-live="polite">
        {t('results.summary', { deleted: counts.deletedImages, untagged: counts.untagged })}
        {counts.failed > 0 && <span className="danger-text"> · {t('results.refused', { count: counts.failed })}</span>}
      </p>
      <ul className="results-list">
        {outcomes.map((outcome) => (
          <li key={outcome.target} className={`result ${outcome.ok ? 'is-ok' : 'is-failed'}`} data-testid="remove-result" data-target={outcome.target} data-ok={outcome.ok ? 'true' : 'false'}>
            <div className="result-head">
              {outcome.ok ? <CheckIcon className="ok-icon" /> : <AlertIcon className="danger-text" />}
              <span className="mono">{displayTarget(outcome.target)}</span>
            </div>
            <OutcomeText outcome={outcome} />
            {outcome.keptUntagged && outcome.keptUntagged.length > 0 && (
              <p className="muted" data-testid="remove-result-kept">
                {t('results.keptUntagged', { ids: outcome.keptUntagged.map(shortId).join(', ') })}
              </p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
