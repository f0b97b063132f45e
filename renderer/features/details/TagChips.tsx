import { useTranslation } from 'react-i18next';
import { BreakableText } from '../../ui/BreakableText';
import { CloseIcon } from '../../ui/icons';
import { openUntag } from '../operations/open-operations';

/** The image's tags, each with its own untag button (`docker rmi REPO:TAG`, the image stays while other tags hold it). */
export function TagChips({ tags }: { tags: string[] }) {
  const { t } = useTranslation();
  return (
    <ul className="chips">
      {tags.map((tag) => (
        <li key={tag} className="chip mono chip-removable">
          <span title={tag}>
            <BreakableText text={tag} />
          </span>
          <button type="button" className="chip-remove" data-testid="action-untag" data-ref={tag} aria-label={t('actions.untagRef', { ref: tag })} title={t('actions.untagRef', { ref: tag })} onClick={() => openUntag(tag)}>
            <CloseIcon size={12} />
          </button>
        </li>
      ))}
    </ul>
  );
}
