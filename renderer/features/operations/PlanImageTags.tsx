import { useTranslation } from 'react-i18next';
import { shortId } from '../../../shared/format';

/** An image's references as chips: tags in full, digests counted (they are long and rarely what users look for). */
export function PlanImageTags({ refs: all, prunedWith }: { refs: string[]; prunedWith?: string }) {
  const { t } = useTranslation();
  // The containerd store names an untagged image by its own ID when it removes it: that is no tag.
  const refs = all.filter((r) => !r.startsWith('sha256:'));
  const tags = refs.filter((r) => !r.includes('@'));
  const digests = refs.length - tags.length;
  if (refs.length === 0) {
    return (
      <span className="plan-tags">
        <span className="none-value">&lt;none&gt;</span>
        {prunedWith && <span className="muted">{t('removal.prunedWith', { id: shortId(prunedWith) })}</span>}
      </span>
    );
  }
  return (
    <span className="plan-tags">
      {tags.map((tag) => (
        <span key={tag} className="chip mono" title={tag}>
          {tag}
        </span>
      ))}
      {digests > 0 && (
        <span className="muted" title={refs.filter((r) => r.includes('@')).join('\n')}>
          {t('removal.digests', { count: digests })}
        </span>
      )}
    </span>
  );
}
