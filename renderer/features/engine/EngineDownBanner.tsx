import { useTranslation } from 'react-i18next';
import { useEngine } from '../../stores/engine-store';
import { AlertIcon } from '../../ui/icons';
import { AdviceSteps, RetryBar } from './EngineScreen';

/**
 * Over the last list the engine gave, while it is away: the list stays readable (marked as the past),
 * with what to do for the engine actually configured.
 */
export function EngineDownBanner() {
  const { t } = useTranslation();
  const status = useEngine((s) => s.status);
  if (!status || status.state === 'connected' || status.state === 'connecting') return null;
  return (
    <div className="engine-down-banner" data-testid="engine-down-banner" data-state={status.state} role="alert">
      <div className="engine-down-head">
        <AlertIcon />
        <div>
          <strong>{t('engine.staleTitle')}</strong>
          <p className="muted">{t('engine.staleBody', { host: status.host })}</p>
        </div>
      </div>
      <details className="engine-down-advice" open>
        <summary>{t('engine.howToFix')}</summary>
        <AdviceSteps status={status} />
      </details>
      <RetryBar retryInMs={status.retryInMs} />
    </div>
  );
}
