import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { EngineStatus } from '../../../shared/engine-types';
import { accessKeyMissing } from '../../api/client';
import { useEngine } from '../../stores/engine-store';
import { CommandHint } from '../../ui/CommandHint';
import { AlertIcon, LockIcon, RefreshIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import { engineAdvice } from './engine-advice';

const DEFAULT_RETRY_MS = 2000;

/** Replaces the browser while there is no engine: says what is wrong, how to fix it, and recovers by itself. */
export function EngineScreen() {
  const status = useEngine((s) => s.status);
  const state = status?.state ?? 'connecting';
  return (
    <section className="engine-screen" data-testid="engine-screen" data-state={state}>
      <div className="engine-card">{state === 'connecting' || !status ? <Connecting host={status?.host} /> : <NotConnected status={status} />}</div>
    </section>
  );
}

/** How long the page may wait for its own host before saying what usually keeps it out. */
const LINK_PATIENCE_MS = 5000;

function Connecting({ host }: { host: string | undefined }) {
  const { t } = useTranslation();
  const linkUp = useEngine((s) => s.linkUp);
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setWaited(true), LINK_PATIENCE_MS);
    return () => clearTimeout(timer);
  }, []);
  const linkStuck = waited && !linkUp;
  if (accessKeyMissing) {
    return (
      <div className="engine-connecting" data-testid="access-key-missing">
        <LockIcon size={26} />
        <h1 className="engine-title">{t('engine.keyMissingTitle')}</h1>
        <p className="engine-body">{t('engine.keyMissingBody')}</p>
        <CommandHint command="npm run web" />
      </div>
    );
  }
  return (
    <div className="engine-connecting">
      <Spinner size={28} />
      <h1 className="engine-title">{t('engine.connectingTitle')}</h1>
      {host && <p className="engine-body">{t('engine.connectingBody', { host })}</p>}
      {linkStuck && (
        <p className="engine-body muted" data-testid="link-stuck">
          {t('engine.linkStuck')}
        </p>
      )}
    </div>
  );
}

function NotConnected({ status }: { status: EngineStatus }) {
  const { t } = useTranslation();
  const denied = status.state === 'permission-denied';
  return (
    <>
      <div className={`engine-icon ${denied ? 'engine-icon-denied' : 'engine-icon-down'}`}>{denied ? <LockIcon size={26} /> : <AlertIcon size={26} />}</div>
      <h1 className="engine-title">{t(denied ? 'engine.permissionTitle' : 'engine.unreachableTitle')}</h1>
      <p className="engine-body">
        <Trans i18nKey={denied ? 'engine.permissionBody' : 'engine.unreachableBody'} values={{ host: status.host }} components={{ code: <code className="mono" /> }} />
      </p>
      <h2 className="engine-subtitle">{t('engine.howToFix')}</h2>
      <AdviceSteps status={status} />
      <p className="engine-address">{t('engine.address', { host: status.host, source: t(`hostSource.${status.hostSource}`) })}</p>
      {status.detail && (
        <div className="engine-detail">
          <div className="engine-detail-label">{t('engine.detail')}</div>
          <pre>{status.detail}</pre>
        </div>
      )}
      <RetryBar retryInMs={status.retryInMs} />
    </>
  );
}

/** The steps for the engine actually configured (system socket, Desktop, rootless, DOCKER_HOST, tcp, ssh). */
export function AdviceSteps({ status }: { status: EngineStatus }) {
  const { t } = useTranslation();
  return (
    <ol className="engine-steps" data-testid="engine-advice">
      {engineAdvice(status).map((step) => (
        <li key={step.key} data-step={step.key}>
          <p>{t(`engine.advice.${step.key}`, { host: status.host })}</p>
          {step.command && <CommandHint command={step.command} />}
        </li>
      ))}
    </ol>
  );
}

export function RetryBar({ retryInMs }: { retryInMs: number | undefined }) {
  const { t } = useTranslation();
  const retrying = useEngine((s) => s.retrying);
  const retry = useEngine((s) => s.retry);
  const seconds = Math.max(1, Math.round((retryInMs ?? DEFAULT_RETRY_MS) / 1000));
  return (
    <div className="engine-retry-bar">
      <span className="engine-retrying">
        <Spinner size={12} />
        {t('engine.retrying', { seconds })}
      </span>
      <button type="button" className="button button-primary" data-testid="engine-retry" disabled={retrying} onClick={() => void retry()}>
        <RefreshIcon />
        {retrying ? t('engine.retryingNow') : t('engine.retryNow')}
      </button>
    </div>
  );
}
