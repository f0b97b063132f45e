import { listOf } from '../../i18n/lead';
import { useTranslation } from 'react-i18next';
import { shortId } from '../../../shared/format';
import type { RemovalPlan } from '../../../shared/removal-types';
import { PlanImageList } from './PlanImageList';
import { PlanSummary } from './PlanSummary';
import { planIsEmpty } from './removal-view';

/** The prune preview: exactly the images the engine will delete, and the bytes it will really free. */
export function PrunePlanView({ plan }: { plan: RemovalPlan }) {
  const { t, i18n } = useTranslation();
  const maybe = new Set(plan.uncertainty?.maybeImages ?? []);
  if (planIsEmpty(plan)) {
    return (
      <p className="plan-nothing" data-testid="prune-nothing">
        {t('prune.nothing')}
      </p>
    );
  }
  return (
    <div className="plan" data-testid="prune-plan">
      <PlanSummary plan={plan} testId="prune-total" />
      {plan.images.length > 0 && (
        <section className="plan-section">
          <h3 className="plan-heading">
            {t('prune.imagesHeading', { count: plan.images.length })}
            {maybe.size > 0 && <span className="muted"> · {t('plan.mayStayCount', { count: maybe.size })}</span>}
          </h3>
          <PlanImageList images={plan.images} testId="prune-plan-image" maybe={maybe} />
        </section>
      )}
      {plan.untagOnly.length > 0 && (
        <section className="plan-section">
          <h3 className="plan-heading">{t('prune.untagHeading', { count: plan.untagOnly.length })}</h3>
          <ul className="plan-list plan-untag-list">
            {plan.untagOnly.map((u) => (
              <li key={u.ref} className="plan-item plan-untag" data-testid="prune-plan-untag" data-ref={u.ref}>
                <span className="chip mono chip-wrap">{u.ref}</span>
                <span className="muted">
                  {u.remainingTags.length > 0 ? t('removal.staysTagged', { id: shortId(u.imageId), tags: listOf(u.remainingTags, i18n.language) }) : t('prune.untagStays', { id: shortId(u.imageId) })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
