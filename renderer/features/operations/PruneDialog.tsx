import { PlanWaiting } from './PlanWaiting';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { RemovalPlan } from '../../../shared/removal-types';
import { usePrune } from '../../stores/prune-store';
import { useClock } from '../../ui/clock-store';
import { Dialog } from '../../ui/Dialog';
import { InlineError } from '../../ui/InlineError';
import { Spinner } from '../../ui/Spinner';
import { checkPruneForm } from './prune-form';
import { PruneFormView } from './PruneFormView';
import { PrunePlanView } from './PrunePlanView';
import { PruneResultView } from './PruneResultView';
import { planIsEmpty } from './removal-view';

/** The button says how many images go: a range where the preview is one. */
function confirmLabel(t: TFunction, plan: RemovalPlan | null): string {
  if (!plan || plan.images.length === 0) return t('prune.confirm');
  const maybe = plan.uncertainty?.maybeImages.length ?? 0;
  return maybe > 0 ? t('prune.confirmRange', { min: plan.images.length - maybe, count: plan.images.length }) : t('prune.confirmCount', { count: plan.images.length });
}

/** `docker image prune`, previewed exactly before anything goes. */
export function PruneDialog() {
  const open = usePrune((s) => s.open);
  return open ? <PruneDialogOpen /> : null;
}

function PruneDialogOpen() {
  const { t } = useTranslation();
  const { form, busy, plan, result, error } = usePrune();
  const store = usePrune.getState();
  const now = useClock((s) => s.now);
  const check = useMemo(() => checkPruneForm(form, now), [form, now]);
  const pruning = busy === 'pruning';
  const previewRef = useRef<HTMLDivElement>(null);
  // The preview is what the user asked to see: bring it up when it arrives, below the fold otherwise.
  useEffect(() => {
    if (plan) previewRef.current?.scrollIntoView({ block: 'start' });
  }, [plan]);

  const footer = result ? (
    // Keyed, so Done is a new element that takes the focus from the confirm button it replaces.
    <button key="done" type="button" className="button button-primary" onClick={() => store.close()} autoFocus>
      {t('dialog.done')}
    </button>
  ) : (
    <>
      <button key="cancel" type="button" className="button" onClick={() => store.close()} disabled={pruning}>
        {t('dialog.cancel')}
      </button>
      <span className="toolbar-spacer" />
      <button type="button" className="button" data-testid="prune-preview" disabled={!check.valid || !!busy} onClick={() => void store.preview(check.filters)}>
        {busy === 'planning' && <Spinner size={14} />}
        {plan ? t('prune.previewAgain') : t('prune.preview')}
      </button>
      <button type="button" className="button button-danger" data-testid="prune-confirm" disabled={!plan || planIsEmpty(plan) || !!busy} onClick={() => void store.confirm()}>
        {pruning && <Spinner size={14} />}
        {confirmLabel(t, plan)}
      </button>
    </>
  );

  return (
    <Dialog title={t('prune.title')} testId="prune-dialog" onClose={() => store.close()} footer={footer} size="large" closeDisabled={pruning}>
      {result && plan ? (
        <PruneResultView shown={plan} result={result} />
      ) : (
        <>
          <PruneFormView form={form} check={check} disabled={pruning} />
          <div ref={previewRef} className="prune-preview-area" aria-live="polite">
            {error && <InlineError heading={t(plan ? 'prune.failed' : 'prune.planFailed')} error={error} testId="prune-error" />}
            {busy === 'planning' && (
              <PlanWaiting text={t('prune.planning')} />
            )}
            {plan && <PrunePlanView plan={plan} />}
            {!plan && !busy && !error && <p className="muted preview-prompt">{t('prune.previewPrompt')}</p>}
          </div>
        </>
      )}
    </Dialog>
  );
}
