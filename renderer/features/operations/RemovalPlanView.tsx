import { useTranslation } from 'react-i18next';
import { shortId } from '../../../shared/format';
import type { RemovalPlan } from '../../../shared/removal-types';
import { useRemoval } from '../../stores/removal-store';
import { CommandHint } from '../../ui/CommandHint';
import { Size } from '../../ui/Size';
import { ConflictView } from './ConflictView';
import { PlanBytes, PlanBytesNote } from './PlanBytes';
import { PlanImageTags } from './PlanImageTags';
import { planIsEmpty } from './removal-view';

interface RemovalPlanViewProps {
  plan: RemovalPlan;
  /** On the force step, refusals left are the ones even force cannot get past. */
  forced: boolean;
}

/** What `docker rmi` will do, named exactly: images deleted, tags that only go, refusals, bytes freed. */
export function RemovalPlanView({ plan, forced }: RemovalPlanViewProps) {
  const { t } = useTranslation();
  const onUntag = (ref: string) => useRemoval.getState().start({ selection: { kind: 'refs', refs: [ref] }, purpose: 'untag' });
  const onShowContainers = (imageId: string) => useRemoval.getState().showContainers(imageId);

  return (
    <div className="plan" data-testid="remove-plan">
      {plan.images.length > 0 && (
        <section className="plan-section">
          <h3 className="plan-heading">{t('removal.imagesHeading', { count: plan.images.length })}</h3>
          <ul className="plan-list">
            {plan.images.map((image) => (
              <li key={image.id} className="plan-item" data-testid="remove-plan-image" data-image-id={image.id} data-freed-bytes={image.freedBytes}>
                <span className="mono plan-id" title={image.id}>
                  {shortId(image.id)}
                </span>
                <PlanImageTags refs={image.tags} prunedWith={image.prunedWith} />
                <span className="plan-size">
                  <Size bytes={image.size} />
                </span>
                <span className={`plan-freed${image.freedBytes === 0 ? ' is-zero' : ''}`} title={image.freedBytes < image.size ? t('removal.sharedTitle') : undefined}>
                  {t('removal.frees')} <Size bytes={image.freedBytes} />
                </span>
              </li>
            ))}
          </ul>
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
                    {left.length > 0 ? t('removal.staysTagged', { id: shortId(u.imageId), tags: left.join(', ') }) : t('removal.staysUntagged', { id: shortId(u.imageId) })}
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
              {t('removal.total')} <PlanBytes plan={plan} />
              {plan.totalBytes === 0 && <span className="muted"> — {t('removal.totalZero')}</span>} <PlanBytesNote plan={plan} />
            </>
          )}
        </p>
      )}
      <CommandHint command={plan.command} className="plan-command" />
    </div>
  );
}
