import { useTranslation } from 'react-i18next';
import { shortId } from '../../../shared/format';
import { realTags } from '../../../shared/image-rows';
import { useImages } from '../../stores/images-store';
import { useRemoval } from '../../stores/removal-store';
import { Size } from '../../ui/Size';

/** How a target reads: an image ID with what the list knows about it, or the tag itself. */
function TargetLabel({ target }: { target: string }) {
  const summary = useImages((s) => s.summaries.find((i) => i.id === target));
  if (!target.startsWith('sha256:')) return <span className="mono">{target}</span>;
  const tags = summary ? realTags(summary) : [];
  return (
    <>
      <span className="mono">{shortId(target)}</span>
      <span className={tags.length ? 'mono target-tags' : 'none-value'} title={tags.length ? tags.join('\n') : undefined}>
        {tags.length ? tags.join(', ') : '<none>'}
      </span>
      {summary && <Size bytes={summary.size} className="muted" />}
    </>
  );
}

/**
 * A bulk selection's targets as the engine resolved them, each with a checkbox: the user removes
 * what they checked, nothing that appeared since.
 */
export function RemovalTargets({ targets }: { targets: string[] }) {
  const { t } = useTranslation();
  const excluded = useRemoval((s) => s.excluded);
  const checked = targets.length - targets.filter((x) => excluded.has(x)).length;
  return (
    <section className="plan-section targets" aria-label={t('removal.targetsLabel')}>
      <div className="targets-head">
        <h3 className="plan-heading">{t('removal.targetsHeading', { checked, count: targets.length })}</h3>
        <span className="toolbar-spacer" />
        <button type="button" className="link-button" data-testid="remove-targets-all" onClick={() => useRemoval.getState().setAllChecked(true)} disabled={checked === targets.length}>
          {t('removal.checkAll')}
        </button>
        <button type="button" className="link-button" data-testid="remove-targets-none" onClick={() => useRemoval.getState().setAllChecked(false)} disabled={checked === 0}>
          {t('removal.checkNone')}
        </button>
      </div>
      <p className="muted targets-hint">{t('removal.targetsHint')}</p>
      <ul className="targets-list">
        {targets.map((target) => (
          <li key={target}>
            <label className="target" data-testid="remove-target" data-target={target}>
              <input type="checkbox" checked={!excluded.has(target)} onChange={() => useRemoval.getState().toggleTarget(target)} />
              <TargetLabel target={target} />
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}
