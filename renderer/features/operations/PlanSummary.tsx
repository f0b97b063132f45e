import { useTranslation } from 'react-i18next';
import type { RemovalPlan } from '../../../shared/removal-types';
import { PlanBytes, PlanBytesNote, PlanMaybe } from './PlanBytes';
import { lead } from '../../i18n/lead';

/** The answer first: how many images go, how many names only, and the bytes — above any long list. */
export function PlanSummary({ plan, testId }: { plan: RemovalPlan; testId: string }) {
  const { t } = useTranslation();
  // Images the store may keep (a name's age the engine hides) are not promised as deleted.
  const maybe = new Set(plan.uncertainty?.maybeImages ?? []);
  const sure = plan.images.filter((i) => !maybe.has(i.id)).length;
  return (
    <div className="plan-summary">
      <p className="plan-total" data-testid={testId} data-bytes={plan.totalBytes}>
        {plan.images.length > 0 && <span className="plan-summary-part">{sure < plan.images.length ? t('plan.summaryImagesRange', { from: sure, count: plan.images.length }) : t('plan.summaryImages', { count: plan.images.length })}</span>}
        {plan.untagOnly.length > 0 && <span className="plan-summary-part">{t('plan.summaryUntag', { count: plan.untagOnly.length })}</span>}
        <span className="plan-summary-part">
          {lead(t('prune.total'))}
          <PlanBytes plan={plan} />
        </span>
      </p>
      <PlanBytesNote plan={plan} />
      <PlanMaybe plan={plan} />
    </div>
  );
}
