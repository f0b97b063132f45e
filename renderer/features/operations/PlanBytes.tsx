import { useTranslation } from 'react-i18next';
import type { RemovalPlan } from '../../../shared/removal-types';
import { Size } from '../../ui/Size';
import { lead } from '../../i18n/lead';

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
      {lead(t('plan.between'))}
      <Size bytes={range.minBytes} /> {lead(t('plan.and'))}
      <Size bytes={range.maxBytes} />
    </strong>
  );
}

/** What the figures count on this engine, and why a range is a range. */
export function PlanBytesNote({ plan }: { plan: RemovalPlan }) {
  const { t } = useTranslation();
  const range = plan.uncertainty;
  const accounting = plan.accounting === 'content' ? 'plan.accountingContent' : 'plan.accountingLayers';
  return (
    <span className="plan-bytes-note muted" data-testid="plan-bytes-note" data-accounting={plan.accounting}>
      {range ? lead(t(accounting)) : t(accounting)}
      {range && (
        <span data-testid="plan-uncertainty" data-reason={range.reason}>
          {t(`plan.uncertainty.${range.reason}`)}
        </span>
      )}
    </span>
  );
}

/**
 * Names that go only in the widest case, listed so the user knows which ones are open (images that
 * may stay are marked on their own lines).
 */
export function PlanMaybe({ plan }: { plan: RemovalPlan }) {
  const { t } = useTranslation();
  // The containerd store names an untagged image by its ID: that is no name a user would look for.
  const refs = (plan.uncertainty?.maybeRefs ?? []).filter((r) => !r.startsWith('sha256:'));
  if (refs.length === 0) return null;
  return (
    <p className="plan-maybe" data-testid="plan-maybe" data-count={refs.length}>
      {lead(t('plan.maybe', { count: refs.length }))}
      {refs.map((r) => (
        <span key={r} className="chip mono chip-maybe">
          {r}
        </span>
      ))}
    </p>
  );
}
