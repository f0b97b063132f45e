import { useTranslation } from 'react-i18next';
import type { RemovalPlan } from '../../../shared/removal-types';
import { Size } from '../../ui/Size';

/**
 * The bytes a preview frees: exact, or — where this engine's store hides something the count depends
 * on — the range it can vouch for, saying why. Never a guess shown as exact.
 */
export function PlanBytes({ plan }: { plan: RemovalPlan }) {
  const { t } = useTranslation();
  const range = plan.uncertainty;
  if (!range || range.minBytes === range.maxBytes) {
    return (
      <strong data-testid="plan-bytes" data-bytes={plan.totalBytes} data-exact="true">
        <Size bytes={plan.totalBytes} />
      </strong>
    );
  }
  return (
    <strong data-testid="plan-bytes" data-min-bytes={range.minBytes} data-max-bytes={range.maxBytes} data-exact="false">
      {t('plan.between')} <Size bytes={range.minBytes} /> {t('plan.and')} <Size bytes={range.maxBytes} />
    </strong>
  );
}

/** What the figures count on this engine, and why a range is a range. */
export function PlanBytesNote({ plan }: { plan: RemovalPlan }) {
  const { t } = useTranslation();
  const range = plan.uncertainty;
  return (
    <span className="plan-bytes-note muted" data-testid="plan-bytes-note" data-accounting={plan.accounting}>
      {t(plan.accounting === 'content' ? 'plan.accountingContent' : 'plan.accountingLayers')}
      {range && <span data-testid="plan-uncertainty" data-reason={range.reason}> {t(`plan.uncertainty.${range.reason}`)}</span>}
    </span>
  );
}

/** Names and images that go only in the widest case, listed so the user knows which ones are open. */
export function PlanMaybe({ plan }: { plan: RemovalPlan }) {
  const { t } = useTranslation();
  const range = plan.uncertainty;
  if (!range || (range.maybeRefs.length === 0 && range.maybeImages.length === 0)) return null;
  const refs = range.maybeRefs.filter((r) => !r.startsWith('sha256:'));
  return (
    <p className="plan-maybe" data-testid="plan-maybe">
      {t('plan.maybe', { count: range.maybeRefs.length + range.maybeImages.length })}{' '}
      {refs.map((r) => (
        <span key={r} className="chip mono chip-maybe">
          {r}
        </span>
      ))}
    </p>
  );
}
