import { useTranslation } from 'react-i18next';
import type { FreedReport, RemovalPlan } from '../../../shared/removal-types';
import { AlertIcon, CheckIcon } from '../../ui/icons';
import { Size } from '../../ui/Size';
import { PlanBytes } from './PlanBytes';
import { lead } from '../../i18n/lead';

/** Whether what went lies where the preview said it would. */
export function freedAsPreviewed(freed: number, plan: RemovalPlan): boolean {
  const min = plan.uncertainty?.minBytes ?? plan.totalBytes;
  const max = plan.uncertainty?.maxBytes ?? plan.totalBytes;
  return freed >= min && freed <= max;
}

/** What a removal freed, from the engine's own report where it gives one, beside what the preview said. */
export function FreedComparison({ freed, plan }: { freed: FreedReport | null; plan: RemovalPlan | null }) {
  const { t } = useTranslation();
  if (!freed) {
    return (
      <p className="muted" data-testid="remove-freed" data-source="unknown">
        {t('results.freedUnknown')}
      </p>
    );
  }
  const same = plan ? freedAsPreviewed(freed.bytes, plan) : true;
  return (
    <div className={`verdict ${same ? 'verdict-ok' : 'verdict-differs'}`} data-testid="remove-freed" data-source={freed.source} data-bytes={freed.bytes} data-as-previewed={same ? 'true' : 'false'}>
      {same ? <CheckIcon className="ok-icon" /> : <AlertIcon />}
      <div>
        <p>
          {lead(t(freed.source === 'engine' ? 'results.freedEngine' : 'results.freedMeasured', { count: freed.units }))}
          <strong><Size bytes={freed.bytes} /></strong>
          {plan && (
            <>
              {' · '}
              {lead(t('results.freedPreviewed'))}
              <PlanBytes plan={plan} />
            </>
          )}
        </p>
        <p className="muted">{t(freed.source === 'engine' ? 'results.freedEngineNote' : 'results.freedMeasuredNote')}</p>
      </div>
    </div>
  );
}
