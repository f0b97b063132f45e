import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { exactDateTime } from '../../i18n/relative-time';
import { usePrune } from '../../stores/prune-store';
import { useStoreKind } from '../../stores/engine-store';
import { CommandHint } from '../../ui/CommandHint';
import { UNTIL_PICKS, type PruneForm, type PruneFormCheck } from './prune-form';

/** The prune filters, as `docker image prune` takes them, checked as they are typed. */
export function PruneFormView({ form, check, disabled }: { form: PruneForm; check: PruneFormCheck; disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const store = useStoreKind();
  const ids = { until: useId(), untilNote: useId(), labels: useId(), labelsNote: useId() };
  const set = (change: Partial<PruneForm>) => usePrune.getState().setForm(change);

  return (
    <fieldset className="prune-form" disabled={disabled}>
      <div className="field" role="radiogroup" aria-label={t('prune.modeLabel')}>
        <span className="field-label">{t('prune.modeLabel')}</span>
        <div className="mode-grid">
          <label className="radio-card">
            <input type="radio" name="prune-mode" data-testid="prune-mode-dangling" checked={!form.all} onChange={() => set({ all: false })} />
            <span>
              <strong>{t('prune.modeDangling')}</strong>
              <span className="muted">{t(store === 'containerd' ? 'prune.modeDanglingHintContainerd' : 'prune.modeDanglingHint')}</span>
            </span>
          </label>
          <label className="radio-card">
            <input type="radio" name="prune-mode" data-testid="prune-mode-all" checked={form.all} onChange={() => set({ all: true })} />
            <span>
              <strong>{t('prune.modeAll')}</strong>
              <span className="muted">{t('prune.modeAllHint')}</span>
            </span>
          </label>
        </div>
      </div>

      <div className="prune-filters">
        <div className="field">
          <label className="field-label" htmlFor={ids.until}>
            {t('prune.untilLabel')}
          </label>
          <div className="until-row">
            <input
              id={ids.until}
              className={`text-input mono${check.untilInvalid ? ' is-invalid' : ''}`}
              data-testid="prune-until"
              value={form.until}
              placeholder={t('prune.untilPlaceholder')}
              spellCheck={false}
              autoComplete="off"
              aria-invalid={check.untilInvalid}
              aria-describedby={ids.untilNote}
              onChange={(e) => set({ until: e.target.value })}
            />
            <div className="quick-picks" role="group" aria-label={t('prune.picksLabel')}>
              {UNTIL_PICKS.map((pick) => (
                <button key={pick.value} type="button" className="button button-small" aria-pressed={form.until.trim() === pick.value} data-testid={`prune-until-${pick.value}`} onClick={() => set({ until: pick.value })}>
                  {t(pick.labelKey)}
                </button>
              ))}
              <button type="button" className="button button-small" aria-pressed={form.until.trim() === ''} onClick={() => set({ until: '' })}>
                {t('prune.pickAny')}
              </button>
            </div>
          </div>
          <p id={ids.untilNote} className={check.untilInvalid ? 'field-error' : 'field-note'} data-testid="prune-until-note" aria-live="polite">
            {check.untilInvalid
              ? t('prune.untilInvalid', { text: form.until.trim() })
              : check.cutoff !== null
                ? check.cutoff <= 0
                  ? t('prune.untilEpoch')
                  : t('prune.untilCutoff', { date: exactDateTime(i18n.language, check.cutoff * 1000) })
                : t('prune.untilAny')}
          </p>
        </div>

        <div className="field">
          <label className="field-label" htmlFor={ids.labels}>
            {t('prune.labelsLabel')}
          </label>
          <textarea
            id={ids.labels}
            className={`text-input mono${check.badLabels.length ? ' is-invalid' : ''}`}
            data-testid="prune-labels"
            rows={2}
            value={form.labels}
            placeholder={'label=env=dev\nlabel!=keep'}
            spellCheck={false}
            aria-invalid={check.badLabels.length > 0}
            aria-describedby={ids.labelsNote}
            onChange={(e) => set({ labels: e.target.value })}
          />
          <div id={ids.labelsNote} aria-live="polite">
            {check.badLabels.length === 0 ? (
              <p className="field-note">{t('prune.labelsHint')}</p>
            ) : (
              check.badLabels.map((bad) => (
                <p key={bad.line} className="field-error" data-testid="prune-label-error">
                  {t('prune.labelInvalid', { line: bad.line, text: bad.text })}
                </p>
              ))
            )}
          </div>
        </div>
      </div>

      <CommandHint command={check.command} />
    </fieldset>
  );
}
