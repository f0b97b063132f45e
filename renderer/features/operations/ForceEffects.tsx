import { listOf } from '../../i18n/lead';
import { useTranslation } from 'react-i18next';
import { shortId } from '../../../shared/format';
import type { ConflictExplanation, RemovalPlan } from '../../../shared/removal-types';
import { useStoreKind } from '../../stores/engine-store';
import { AlertIcon } from '../../ui/icons';
import { forceEffects } from './removal-view';

/** The second confirmation's promise: what `-f` does that the plain removal would not. */
export function ForceEffects({ conflicts, forced }: { conflicts: ConflictExplanation[]; forced: RemovalPlan | null }) {
  const { t, i18n } = useTranslation();
  const effects = forceEffects(conflicts, forced);
  const store = useStoreKind();
  return (
    <div className="force-warning" data-testid="force-effects" role="note">
      <AlertIcon className="force-warning-icon" />
      <div>
        <strong>{t('removal.forceHeading')}</strong>
        {/* What force does depends on the store's answer: say nothing about it until that is in. */}
        {forced === null ? null : (
          <ul className="force-effects">
            {effects.map((e) => (
              <li key={`${e.kind}|${e.target}`} data-testid="force-effect" data-kind={e.kind}>
                {e.kind === 'all-tags'
                  ? t('removal.forceAllTags', { id: shortId(e.imageId), tags: listOf(e.tags, i18n.language) })
                  : e.kind === 'name-only'
                    ? t('removal.forceNameOnly', { id: shortId(e.imageId), target: e.target, names: listOf(e.containers, i18n.language), count: e.containers.length })
                    : t('removal.forceContainerKeeps', { id: shortId(e.imageId), target: e.target, names: listOf(e.containers, i18n.language), count: e.containers.length })}
              </li>
            ))}
          </ul>
        )}
        <p className="muted">{t(store === 'containerd' ? 'removal.forceCannotContainerd' : 'removal.forceCannot')}</p>
      </div>
    </div>
  );
}
