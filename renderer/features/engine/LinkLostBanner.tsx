import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEngine } from '../../stores/engine-store';
import { Spinner } from '../../ui/Spinner';

const PROBE_EVERY_MS = 2000;

/**
 * Whether the web host answers this page but refuses it: a host restarted (on the same port) has a
 * new token, so this page's cookie no longer opens it and reconnecting would go on for ever. A host
 * that is simply down does not answer at all.
 */
function useHostRefusesPage(lost: boolean): boolean {
  const [refused, setRefused] = useState(false);
  useEffect(() => {
    if (!lost) return;
    let stopped = false;
    const probe = () =>
      fetch(window.location.pathname, { cache: 'no-store', credentials: 'same-origin' })
        .then((res) => !stopped && setRefused(res.status === 401 || res.status === 403))
        .catch(() => !stopped && setRefused(false));
    const timer = setInterval(() => void probe(), PROBE_EVERY_MS);
    void probe();
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [lost]);
  // Once refused the link cannot come back without a reload, so a finding never outlives its loss.
  return lost && refused;
}

/** Only after the link has been up once: while starting, the engine screen already says "connecting". */
export function LinkLostBanner() {
  const { t } = useTranslation();
  const lost = useEngine((s) => s.linkWasUp && !s.linkUp);
  // The desktop app's link never drops; only the web host's can.
  const refused = useHostRefusesPage(lost && !window.stevedore);
  if (!lost) return null;
  if (refused) {
    return (
      <div className="banner banner-danger" data-testid="link-lost-banner" data-refused="true" role="alert">
        <span>{t('link.refused')}</span>
      </div>
    );
  }
  return (
    <div className="banner banner-warning" data-testid="link-lost-banner" data-refused="false" role="status">
      <Spinner size={14} />
      <span>{t('link.lost')}</span>
    </div>
  );
}
