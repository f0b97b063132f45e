import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { EngineStatus } from '../../../shared/engine-types';
import { useEngine } from '../../stores/engine-store';
import { useEngineInfo } from '../../stores/engine-info-store';

function statusText(t: TFunction, status: EngineStatus | null): { text: string; title: string } {
  if (!status) return { text: t('header.engineUnknown'), title: '' };
  switch (status.state) {
    case 'connected': {
      const version = status.serverVersion ?? '?';
      const api = status.apiVersion ?? '?';
      const platform = [status.os, status.arch].filter(Boolean).join('/') || '?';
      const store = status.store ? t(`header.store.${status.store.kind}`) : t('header.storeUnknown');
      return {
        text: t('header.engineConnected', { version, api, store }),
        title: t('header.engineTitle', { version, platform, api, host: status.host, source: t(`hostSource.${status.hostSource}`) }),
      };
    }
    case 'connecting':
      return { text: t('header.engineConnecting', { host: status.host }), title: status.host };
    case 'unreachable':
      return { text: t('header.engineUnreachable'), title: status.host };
    case 'permission-denied':
      return { text: t('header.enginePermission'), title: status.host };
  }
}

export function EngineStatusBadge() {
  const { t } = useTranslation();
  const status = useEngine((s) => s.status);
  // With the host link down, the last known status may be out of date: show it, but faded.
  const stale = useEngine((s) => s.linkWasUp && !s.linkUp);
  const { text, title } = statusText(t, status);
  const state = status?.state ?? 'connecting';
  const className = `engine-status engine-status-${state}${stale ? ' is-stale' : ''}`;
  if (state !== 'connected') {
    return (
      <div className={className} data-testid="engine-status" data-state={state} title={title}>
        <span className="status-dot" aria-hidden="true" />
        <span className="engine-status-text">{text}</span>
      </div>
    );
  }
  // Connected: the pill opens what the engine is and what its image store changes.
  return (
    <button type="button" className={className} data-testid="engine-status" data-state={state} data-store={status?.store?.kind} title={title} onClick={() => useEngineInfo.getState().show()}>
      <span className="status-dot" aria-hidden="true" />
      <span className="engine-status-text">{text}</span>
    </button>
  );
}
