import { useTranslation } from 'react-i18next';
import { useEngine } from '../../stores/engine-store';
import { Spinner } from '../../ui/Spinner';

/** Only after the link has been up once: while starting, the engine screen already says "connecting". */
export function LinkLostBanner() {
  const { t } = useTranslation();
  const lost = useEngine((s) => s.linkWasUp && !s.linkUp);
  if (!lost) return null;
  return (
    <div className="banner banner-warning" data-testid="link-lost-banner" role="status">
      <Spinner size={14} />
      <span>{t('link.lost')}</span>
    </div>
  );
}
