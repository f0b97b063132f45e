import { useTranslation } from 'react-i18next';
import { shortId } from '../../../shared/format';
import type { RemovalPlan } from '../../../shared/removal-types';
import { useRemoval } from '../../stores/removal-store';
import { CommandHint } from '../../ui/CommandHint';
import { ConflictView } from './ConflictView';
import { PlanBytes, PlanBytesNote } from './PlanBytes';
import { PlanImageList } from './PlanImageList';
import { planIsEmpty } from './removal-view';
import { lead, listOf } from '../../i18n/lead';

interface RemovalPlanViewProps {
  plan: RemovalPlan;
  /** On the force step, refusals left are the ones even force cannot get past. */
  forced: boolean;
}

/** What `docker rmi` will do, named exactly: images deleted, tags that only go, refusals, bytes freed. */
export function RemovalPlanView({ plan, forced }: RemovalPlanViewProps) {
  const { t, i18n } = useTranslation();
  const onUntag = (ref: string) => useRemoval.getState().start({ selection: { kind: 'refs', refs: [ref] }, purpose: 'untag' });
  const onShowContainers = (imageId: string) => useRemoval.getState().showContainers(imageId);

  return (
    <div className="plan" data-testid="remove-plan">
      {plan.images.length > 0 && (
        <section className="plan-section">
          <h3 className="plan-heading">{t('removal.imagesHeading', { count: plan.images.length })}</h3>
          <PlanImageList images={plan.images} testId="remove-plan-image" />
        </section>
      )}
      {plan.untagOnly.length > 0 && (
        <section className="plan-section">
          <h3 className="plan-heading">{t('removal.untagHeading', { count: plan.untagOnly.length })}</h3>
          <ul className="plan-list">
            {plan.untagOnly.map((u) => {
              const left = u.remainingTags;
              return (
                <li key={u.ref} className="plan-item plan-untag" data-testid="remove-plan-untag" data-ref={u.ref}>
                  <span className="chip mono">{u.ref}</span>
                  <span className="muted">
                    {left.length > 0 ? t('removal.staysTagged', { id: shortId(u.imageId), tags: listOf(left, i18n.language) }) : t('removal.staysUntagged', { id: shortId(u.imageId) })}
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {plan.conflicts.length > 0 && (
        <section className="plan-section">
          <h3 className="plan-heading plan-heading-danger">{t(forced ? 'removal.stillRefusedHeading' : 'removal.conflictsHeading', { count: plan.conflicts.length })}</h3>
          <ul className="conflict-list">
            {plan.conflicts.map((c) => (
              <ConflictView key={`${c.target}|${c.kind}`} conflict={c} onUntag={forced ? undefined : onUntag} onShowContainers={onShowContainers} />
            ))}
          </ul>
        </section>
      )}
      {plan.keptChildren && plan.keptChildren.length > 0 && (
        <section className="plan-section" data-testid="remove-plan-kept-children">
          <h3 className="plan-heading">{t('removal.keptChildrenHeading')}</h3>
          {plan.keptChildren.map((k) => (
            <p key={k.parentId} className="plan-note">
              {lead(t('removal.keptChildren', { id: shortId(k.parentId), count: k.children.length }))}
              {k.children.map((c) => (
                <span key={c.id} className="chip mono chip-wrap">
                  {c.tags[0] ?? shortId(c.id)}
                </span>
              ))}
            </p>
          ))}
          <p className="muted">{t('removal.keptChildrenNote')}</p>
        </section>
      )}
      {plan.notFound && plan.notFound.length > 0 && (
        <section className="plan-section" data-testid="remove-plan-not-found">
          <h3 className="plan-heading">{t('plan.notFound', { count: plan.notFound.length })}</h3>
          <ul className="plan-tags">
            {plan.notFound.map((ref) => (
              <li key={ref} className="chip mono">
                {ref}
              </li>
            ))}
          </ul>
        </section>
      )}
      {planIsEmpty(plan) ? (
        <p className="plan-nothing" data-testid="remove-nothing">
          {plan.conflicts.length > 0 ? t('removal.nothingButRefused') : t('removal.nothing')}
        </p>
      ) : (
        <p className="plan-total" data-testid="remove-total" data-bytes={plan.totalBytes}>
          {plan.images.length === 0 ? (
            t('removal.totalNoImages')
          ) : (
            <>
              {lead(t('removal.total'))}
              <PlanBytes plan={plan} />
              {plan.totalBytes === 0 && <span className="muted"> — {t('removal.totalZero')}</span>} <PlanBytesNote plan={plan} />
            </>
          )}
        </p>
      )}
      <CommandHint command={plan.command} className="plan-command" />
    </div>
  );
}
