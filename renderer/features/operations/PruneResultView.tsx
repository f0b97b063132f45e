import { useTranslation } from 'react-i18next';
import { formatSize, shortId } from '../../../shared/format';
import { differenceKey } from '../../../shared/prune-compare';
import type { PruneResult, RemovalPlan } from '../../../shared/removal-types';
import { AlertIcon, CheckIcon } from '../../ui/icons';
import { Size } from '../../ui/Size';
import { PlanImageTags } from './PlanImageTags';
import { pruneDifferences } from './prune-form';

/** What the engine pruned and the space it reported, checked against the preview the user confirmed. */
export function PruneResultView({ shown, result }: { shown: RemovalPlan; result: PruneResult }) {
  const { t } = useTranslation();
  const differences = pruneDifferences(shown, result);
  const tagsOf = new Map([...shown.images, ...result.plan.images].map((i) => [i.id, i.tags]));
  return (
    <div className="results" data-testid="prune-result">
      <p className="results-summary">
        {t('prune.resultSummary', { count: result.deletedImageIds.length, untagged: result.untagged.length })}{' '}
        <span data-testid="prune-reclaimed" data-bytes={result.spaceReclaimed}>
          {t('prune.reclaimed')} <strong><Size bytes={result.spaceReclaimed} /></strong>
        </span>
      </p>
      {differences.length === 0 ? (
        <p className="verdict verdict-ok" data-testid="prune-matches">
          <CheckIcon className="ok-icon" />
          {t('prune.matches')}
        </p>
      ) : (
        <div className="verdict verdict-differs" data-testid="prune-differences" role="alert">
          <AlertIcon />
          <div>
            <strong>{t('prune.differs')}</strong>
            <ul className="mono">
              {differences.map((d) => (
                <li key={differenceKey(d)} data-kind={d.kind}>
                  {t(`prune.difference.${d.kind}`, { subject: d.subject.startsWith('sha256:') ? shortId(d.subject) : d.subject, previewed: formatSize(d.previewedBytes ?? 0), reported: formatSize(d.reportedBytes ?? 0) })}
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      {result.deletedImageIds.length > 0 && (
        <section className="plan-section">
          <h3 className="plan-heading">{t('prune.deletedHeading', { count: result.deletedImageIds.length })}</h3>
          <ul className="plan-list">
            {result.deletedImageIds.map((id) => (
              <li key={id} className="plan-item" data-testid="prune-deleted-image" data-image-id={id}>
                <span className="mono plan-id" title={id}>
                  {shortId(id)}
                </span>
                <PlanImageTags refs={tagsOf.get(id) ?? []} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {result.untagged.length > 0 && (
        <p className="muted">
          {t('prune.untaggedList')} <span className="mono">{result.untagged.join(', ')}</span>
        </p>
      )}
    </div>
  );
}
