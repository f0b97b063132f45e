import { PlanWaiting } from './PlanWaiting';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { shortId } from '../../../shared/format';
import type { RemovalSelection } from '../../../shared/removal-selection';
import type { RemovalPlan } from '../../../shared/removal-types';
import { useImages } from '../../stores/images-store';
import { useRemoval, type RemovalPurpose } from '../../stores/removal-store';
import { Dialog } from '../../ui/Dialog';
import { InlineError } from '../../ui/InlineError';
import { Spinner } from '../../ui/Spinner';
import { repositoriesOf } from './bulk';
import { ForceEffects } from './ForceEffects';
import { RemovalPlanView } from './RemovalPlanView';
import { RemovalResults } from './RemovalResults';
import { RemovalTargets } from './RemovalTargets';
import { canForce, planIsEmpty } from './removal-view';

function useTitle(selection: RemovalSelection, purpose: RemovalPurpose): string {
  const { t } = useTranslation();
  switch (selection.kind) {
    case 'refs':
      if (purpose === 'untag') return t('removal.titleUntag', { ref: selection.refs[0] });
      return selection.refs.length === 1 ? t('removal.titleOne', { ref: selection.refs[0] }) : t('removal.titleMany', { count: selection.refs.length });
    case 'repository':
      return t('removal.titleRepository');
    case 'dangling':
      return t('removal.titleDangling');
    case 'before':
      return t('removal.titleBefore', { ref: selection.ref });
    case 'since':
      return t('removal.titleSince', { ref: selection.ref });
  }
}

function RepositoryChooser({ repository }: { repository: string }) {
  const { t } = useTranslation();
  const rows = useImages((s) => s.rows);
  const names = repositoriesOf(rows);
  const options = names.includes(repository) || repository === '' ? names : [repository, ...names];
  return (
    <label className="field field-inline">
      <span className="field-label">{t('removal.repository')}</span>
      <select data-testid="cleanup-repository-select" className="mono" value={repository} onChange={(e) => useRemoval.getState().setRepository(e.target.value)}>
        {repository === '' && (
          <option value="" disabled>
            {t('removal.chooseRepository')}
          </option>
        )}
        {options.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Removing one tag of an image that has others only untags it. When that is all the plan does, offer
 * the other thing a user may have meant: the image itself, with every tag it has (its own preview).
 */
function WholeImageOffer({ plan }: { plan: RemovalPlan }) {
  const { t } = useTranslation();
  const summaries = useImages((s) => s.summaries);
  if (plan.images.length > 0) return null;
  const kept = [...new Set(plan.untagOnly.filter((u) => u.remainingTags.length > 0).map((u) => u.imageId))].slice(0, 3);
  if (kept.length === 0) return null;
  return (
    <div className="whole-image-offer" data-testid="whole-image-offer">
      {kept.map((imageId) => {
        const tags = summaries.find((s) => s.id === imageId)?.repoTags.filter((tag) => !tag.startsWith('<none>')) ?? [];
        if (tags.length === 0) return null;
        return (
          <button
            key={imageId}
            type="button"
            className="button button-small"
            data-testid="remove-whole-image"
            data-image-id={imageId}
            onClick={() => useRemoval.getState().start({ selection: { kind: 'refs', refs: tags }, purpose: 'remove' })}
          >
            {t('removal.wholeImage', { id: shortId(imageId), count: tags.length })}
          </button>
        );
      })}
    </div>
  );
}

/** `docker rmi` with a preview: what goes, what only loses a name, what the engine will refuse and why. */
export function RemoveDialog() {
  const request = useRemoval((s) => s.request);
  if (!request) return null;
  return <RemoveDialogOpen selection={request.selection} purpose={request.purpose} />;
}

function RemoveDialogOpen({ selection, purpose }: { selection: RemovalSelection; purpose: RemovalPurpose }) {
  const { t } = useTranslation();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const { step, busy, plan, forcedPlan, allTargets, outcomes, freed, confirmedPlan, forced, error, failedAt } = useRemoval();
  const store = useRemoval.getState();
  const title = useTitle(selection, purpose);
  const shown = step === 'force' ? forcedPlan : plan;
  const removing = busy === 'removing';

  let body;
  if (step === 'results' && outcomes) {
    body = <RemovalResults outcomes={outcomes} forced={forced} freed={freed} plan={confirmedPlan} />;
  } else {
    body = (
      <>
        {selection.kind === 'repository' && <RepositoryChooser repository={selection.repository} />}
        {selection.kind === 'repository' && selection.repository === '' && (
          <p className="muted" data-testid="remove-choose-repository">
            {t('removal.chooseRepositoryPrompt')}
          </p>
        )}
        {step === 'plan' && allTargets && allTargets.length > 0 && <RemovalTargets targets={allTargets} />}
        {step === 'force' && plan && <ForceEffects conflicts={plan.conflicts} forced={forcedPlan} />}
        {error && <InlineError heading={t(failedAt === 'removing' ? 'removal.failed' : 'removal.planFailed')} error={error} onRetry={() => store.retry()} testId="remove-error" />}
        {shown ? (
          <div className={busy === 'planning' ? 'is-stale' : undefined} aria-busy={busy === 'planning'}>
            <RemovalPlanView plan={shown} forced={step === 'force'} />
            {step === 'plan' && <WholeImageOffer plan={shown} />}
          </div>
        ) : busy === 'planning' ? (
          <PlanWaiting text={t(step === 'force' ? 'removal.planningForce' : 'removal.planning')} testId="remove-planning" />
        ) : (
          !error && allTargets && <p className="plan-nothing">{t(allTargets.length === 0 ? 'removal.nothingFound' : 'removal.noneChecked')}</p>
        )}
      </>
    );
  }

  let footer;
  if (step === 'results') {
    footer = (
      // Keyed per step, so each step's buttons are new elements and its safe choice takes the focus.
      <button key="done" type="button" className="button button-primary" onClick={() => store.close()} autoFocus>
        {t('dialog.done')}
      </button>
    );
  } else if (step === 'force') {
    footer = (
      <>
        <button key="back" type="button" className="button" data-testid="remove-force-back" onClick={() => store.backToPlan()} disabled={removing} autoFocus>
          {t('dialog.back')}
        </button>
        <button
          key="force-confirm"
          type="button"
          className="button button-danger"
          data-testid="remove-force-confirm"
          disabled={!forcedPlan || !!busy || planIsEmpty(forcedPlan)}
          onClick={() => void store.confirm()}
        >
          {removing && <Spinner size={14} />}
          {t('removal.forceConfirm')}
        </button>
      </>
    );
  } else {
    const ready = !!plan && !busy && !planIsEmpty(plan);
    footer = (
      <>
        <button key="cancel" ref={cancelRef} type="button" className="button" onClick={() => store.close()} disabled={removing} autoFocus>
          {t('dialog.cancel')}
        </button>
        <span className="toolbar-spacer" />
        {plan && canForce(plan) && (
          <button type="button" className="button button-danger-outline" data-testid="remove-force" onClick={() => store.askForce()} disabled={!!busy}>
            {t('removal.force')}
          </button>
        )}
        <button type="button" className="button button-danger" data-testid="remove-confirm" disabled={!ready} onClick={() => void store.confirm()}>
          {removing && <Spinner size={14} />}
          {purpose === 'untag' ? t(plan && plan.images.length > 0 ? 'removal.confirmUntagDelete' : 'removal.confirmUntag') : t('removal.confirm')}
        </button>
      </>
    );
  }

  return (
    <Dialog title={title} testId="remove-dialog" onClose={() => store.close()} footer={footer} size="large" initialFocus={cancelRef} closeDisabled={removing}>
      <div data-step={step} data-busy={busy ?? 'idle'} className="remove-body">
        {body}
      </div>
    </Dialog>
  );
}
