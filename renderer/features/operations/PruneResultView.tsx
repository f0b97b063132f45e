import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { PlanBytes } from './PlanBytes';
import { formatSize, shortId } from '../../../shared/format';
import { differenceKey } from '../../../shared/prune-compare';
import { isImageId } from '../../../shared/reference';
import type { PruneResult, RemovalPlan } from '../../../shared/removal-types';
import { AlertIcon, CheckIcon } from '../../ui/icons';
import { Size } from '../../ui/Size';
import { PlanImageTags } from './PlanImageTags';
import { pruneDifferences } from './prune-form';
import { joinSentences, lead, listOf } from '../../i18n/lead';

/** Which of the names and images the preview left open went, and which stayed. */
function RangeVerdict({ shown, result }: { shown: RemovalPlan; result: PruneResult }) {
  const { t, i18n } = useTranslation();
  const range = shown.uncertainty!;
  const deleted = new Set(result.deletedImageIds);
  const untagged = new Set(result.untagged);
  const open = [...range.maybeRefs.filter((r) => !r.startsWith('sha256:')).map((r) => ({ label: r, went: untagged.has(r) })), ...range.maybeImages.map((id) => ({ label: shortId(id), went: deleted.has(id) }))];
  const went = open.filter((o) => o.went).map((o) => o.label);
  const stayed = open.filter((o) => !o.went).map((o) => o.label);
  const sentences = [t('prune.matchesRange'), went.length > 0 ? t('prune.rangeWent', { list: listOf(went, i18n.language) }) : null, stayed.length > 0 ? t('prune.rangeStayed', { list: listOf(stayed, i18n.language) }) : null];
  return <span data-testid="prune-within-range">{joinSentences(sentences)}</span>;
}

/** What the engine pruned and the space it reported, checked against the preview the user confirmed. */
export function PruneResultView({ shown, result }: { shown: RemovalPlan; result: PruneResult }) {
  const { t } = useTranslation();
  const differences = pruneDifferences(shown, result);
  // The containerd store names an untagged image by its digest and reports that record untagged too:
  // a digest is no name the user gave, and the deleted list already shows it.
  const names = result.untagged.filter((ref) => !isImageId(ref));
  const tagsOf = new Map([...shown.images, ...result.plan.images].map((i) => [i.id, i.tags]));
  const ref = useRef<HTMLDivElement>(null);
  // The result replaces a long preview: start at its summary, not where the preview was scrolled to.
  useLayoutEffect(() => {
    ref.current?.closest('.dialog-body')?.scrollTo({ top: 0 });
  }, []);
  return (
    <div className="results" data-testid="prune-result" ref={ref}>
      <p className="results-summary">
        {lead(t('prune.resultDeleted', { count: result.deletedImageIds.length }))}
        {names.length > 0 && lead(t('prune.resultUntagged', { count: names.length }))}
        <span data-testid="prune-reclaimed" data-bytes={result.spaceReclaimed}>
          {lead(t('prune.reclaimed'))}
          <strong><Size bytes={result.spaceReclaimed} /></strong>
        </span>
        <span className="muted" data-testid="prune-previewed">
          {' · '}
          {lead(t('results.freedPreviewed'))}
          <PlanBytes plan={shown} />
        </span>
      </p>
      {differences.length === 0 ? (
        <p className="verdict verdict-ok" data-testid="prune-matches">
          <CheckIcon className="ok-icon" />
          {shown.uncertainty ? <RangeVerdict shown={shown} result={result} /> : t('prune.matches')}
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
          <ul className="plan-list plan-scroll">
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
      {names.length > 0 && (
        <p className="muted">
          {lead(t('prune.untaggedList'))}
          <span className="mono">{names.join(', ')}</span>
        </p>
      )}
    </div>
  );
}
