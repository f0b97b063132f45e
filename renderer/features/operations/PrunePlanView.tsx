import { useTranslation } from 'react-i18next';
import { shortId } from '../../../shared/format';
import type { RemovalPlan } from '../../../shared/removal-types';
import { exactDateTime, relativeTime } from '../../i18n/relative-time';
import { useClock } from '../../ui/clock-store';
import { Size } from '../../ui/Size';
import { PlanBytes, PlanBytesNote, PlanMaybe } from './PlanBytes';
import { PlanImageTags } from './PlanImageTags';
import { planIsEmpty } from './removal-view';

/** What the bytes freed by one image mean: all of its size, only its own layers, or nothing at all. */
function Freed({ size, freed }: { size: number; freed: number }) {
  const { t } = useTranslation();
  if (freed === 0) {
    return (
      <span className="freed freed-zero" title={t('prune.sharedAllTitle')}>
        {t('prune.sharedAll')}{' '}
        <span className="nowrap">
          {t('removal.frees')} <Size bytes={0} />
        </span>
      </span>
    );
  }
  return (
    <span className={`freed${freed < size ? ' freed-partial' : ''}`} title={freed < size ? t('prune.sharedSomeTitle') : undefined}>
      <Size bytes={freed} />
      {freed < size && <span className="freed-note">{t('prune.sharedSome')}</span>}
    </span>
  );
}

/** The prune preview: exactly the images the engine will delete, and the bytes it will really free. */
export function PrunePlanView({ plan }: { plan: RemovalPlan }) {
  const { t, i18n } = useTranslation();
  const now = useClock((s) => s.now);
  if (planIsEmpty(plan)) {
    return (
      <p className="plan-nothing" data-testid="prune-nothing">
        {t('prune.nothing')}
      </p>
    );
  }
  return (
    <div className="plan" data-testid="prune-plan">
      {plan.images.length > 0 && (
        <section className="plan-section">
          <h3 className="plan-heading">{t('prune.imagesHeading', { count: plan.images.length })}</h3>
          <table className="prune-table">
            <thead>
              <tr>
                <th>{t('images.columnId')}</th>
                <th>{t('prune.columnTags')}</th>
                <th>{t('images.columnCreated')}</th>
                <th className="num">{t('images.columnSize')}</th>
                <th className="num">{t('prune.columnFreed')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.images.map((image) => (
                <tr key={image.id} data-testid="prune-plan-image" data-image-id={image.id} data-freed-bytes={image.freedBytes} className={image.freedBytes === 0 ? 'is-shared' : undefined}>
                  <td className="mono" title={image.id}>
                    {shortId(image.id)}
                  </td>
                  <td>
                    <PlanImageTags refs={image.tags} prunedWith={image.prunedWith} />
                  </td>
                  <td className="nowrap" title={exactDateTime(i18n.language, image.created * 1000)}>{relativeTime(t, image.created * 1000, now)}</td>
                  <td className="num">
                    <Size bytes={image.size} />
                  </td>
                  <td className="num">
                    <Freed size={image.size} freed={image.freedBytes} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {plan.untagOnly.length > 0 && (
        <section className="plan-section">
          <h3 className="plan-heading">{t('prune.untagHeading', { count: plan.untagOnly.length })}</h3>
          <ul className="plan-list">
            {plan.untagOnly.map((u) => (
              <li key={u.ref} className="plan-item plan-untag" data-testid="prune-plan-untag" data-ref={u.ref}>
                <span className="chip mono">{u.ref}</span>
                <span className="muted">
                  {u.remainingTags.length > 0 ? t('removal.staysTagged', { id: shortId(u.imageId), tags: u.remainingTags.join(', ') }) : t('prune.untagStays', { id: shortId(u.imageId) })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <PlanMaybe plan={plan} />
      <p className="plan-total" data-testid="prune-total" data-bytes={plan.totalBytes}>
        {t('prune.total')} <PlanBytes plan={plan} /> <PlanBytesNote plan={plan} />
      </p>
    </div>
  );
}
