import { useTranslation } from 'react-i18next';
import type { EngineStatus } from '../../../shared/engine-types';
import { useEngine } from '../../stores/engine-store';
import { useEngineInfo } from '../../stores/engine-info-store';
import { CommandHint } from '../../ui/CommandHint';
import { Dialog } from '../../ui/Dialog';

/** What depends on the image store, in the order a user meets it: IDs, sizes, platforms, digests, removal, prune. */
const STORE_FACTS = {
  containerd: ['ids', 'sizes', 'platforms', 'digests', 'children', 'until'],
  legacy: ['ids', 'sizes', 'platforms', 'digests', 'children', 'until'],
} as const;

function Facts({ status }: { status: EngineStatus }) {
  const { t } = useTranslation();
  const platform = [status.os, status.arch].filter(Boolean).join('/');
  const store = status.store;
  return (
    <dl className="facts engine-facts">
      <dt>{t('engineInfo.address')}</dt>
      <dd className="mono break-all" data-testid="engine-info-host">
        {status.host} <span className="muted">{t('common.aside', { text: t(`hostSource.${status.hostSource}`) })}</span>
      </dd>
      <dt>{t('engineInfo.version')}</dt>
      <dd data-testid="engine-info-version">
        Docker Engine {status.serverVersion ?? '?'} {platform && <span className="muted">{t('common.aside', { text: platform })}</span>}
      </dd>
      <dt>{t('engineInfo.api')}</dt>
      <dd data-testid="engine-info-api">{t('engineInfo.apiValue', { api: status.apiVersion ?? '?' })}</dd>
      <dt>{t('engineInfo.store')}</dt>
      <dd data-testid="engine-info-store" data-store={store?.kind ?? 'unknown'}>
        {store ? (
          <>
            <strong>{t(`engineInfo.storeName.${store.kind}`)}</strong> <span className="muted">{t('common.aside', { text: t(`engineInfo.driver.${store.kind}`, { driver: store.driver || '?' }) })}</span>
          </>
        ) : (
          t('engineInfo.storeUnknown')
        )}
      </dd>
    </dl>
  );
}

/** The engine this window drives: where, which version and API, which image store — and what that changes. */
export function EngineInfoDialog() {
  const { t } = useTranslation();
  const open = useEngineInfo((s) => s.open);
  const hide = useEngineInfo((s) => s.hide);
  const status = useEngine((s) => s.status);
  if (!open || !status) return null;
  const kind = status.store?.kind;
  return (
    <Dialog title={t('engineInfo.title')} testId="engine-info-dialog" onClose={hide} size="medium">
      <Facts status={status} />
      {kind && (
        <section className="engine-store-facts">
          <p className="engine-store-what" data-testid="engine-info-store-what">
            {t(`engineInfo.storeWhat.${kind}`)}
          </p>
          <h3 className="plan-heading">{t(`engineInfo.whatItChanges.${kind}`)}</h3>
          <ul className="store-facts" data-testid="engine-info-store-facts">
            {STORE_FACTS[kind].map((fact) => (
              <li key={fact}>{t(`engineInfo.fact.${kind}.${fact}`)}</li>
            ))}
          </ul>
        </section>
      )}
      <CommandHint command="docker info --format '{{.Driver}} {{.DriverStatus}}'" />
    </Dialog>
  );
}
