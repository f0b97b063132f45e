import { useTranslation } from 'react-i18next';
import { shortId } from '../../../shared/format';
import { tagsByRepository } from './plan-groups';

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
      {tagsByRepository(tags).map(({ repository, tags: own }) => (
        // One chip per repository keeps a many-tagged image to one line: "repo: 1.2 · latest".
        <span key={repository} className="chip mono plan-repo" title={own.map((tag) => `${repository}:${tag}`).join('\n')} data-repository={repository}>
          {repository}
          {own.length > 0 && <span className="plan-repo-tags">:{own.join(' · ')}</span>}
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
