import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { shortId } from '../../../shared/format';
import type { ContainerBrief } from '../../../shared/removal-types';
import { exactDateTime, relativeTime } from '../../i18n/relative-time';
import { useContainers } from '../../stores/containers-store';
import { useClock } from '../../ui/clock-store';
import { CommandHint } from '../../ui/CommandHint';
import { ContainerIcon, TrashIcon } from '../../ui/icons';
import { InlineError } from '../../ui/InlineError';
import { Spinner } from '../../ui/Spinner';
import { StateView } from '../../ui/StateView';
import { ancestorListCommand, containerRemoveCommand, containerStopCommand, isActiveContainer } from '../operations/container-commands';

function ContainerRow({ container }: { container: ContainerBrief }) {
  const { t, i18n } = useTranslation();
  const now = useClock((s) => s.now);
  const confirming = useContainers((s) => s.confirming === container.id);
  const removing = useContainers((s) => s.removing === container.id);
  const removeError = useContainers((s) => (s.removeError?.id === container.id ? s.removeError.error : null));
  const active = isActiveContainer(container.state);
  const store = useContainers.getState();
  const ms = container.created * 1000;

  return (
    <li className="container-row" data-testid="container-row" data-name={container.name} data-state={container.state}>
      <div className="container-main">
        <ContainerIcon className="muted" />
        <span className="mono container-name">{container.name}</span>
        <span className={`badge state-badge state-${active ? 'active' : 'stopped'}`}>{container.state}</span>
        <span className="muted" title={exactDateTime(i18n.language, ms)}>
          {t('containers.created', { when: relativeTime(t, ms, now) })}
        </span>
        <span className="mono muted container-id">{shortId(container.id)}</span>
        <span className="toolbar-spacer" />
        {!active && !confirming && (
          <button type="button" className="button button-small" data-testid="container-remove" onClick={() => store.askRemove(container.id)}>
            <TrashIcon size={14} />
            {t('containers.remove')}
          </button>
        )}
      </div>
      {active && (
        <p className="container-note">
          {t('containers.runningNote')} <code className="mono inline-code">{containerStopCommand(container.name)}</code>
        </p>
      )}
      {confirming && (
        <div className="container-confirm" role="group" aria-label={t('containers.confirmLabel', { name: container.name })}>
          <p>{t('containers.confirmText', { name: container.name })}</p>
          <CommandHint command={containerRemoveCommand(container.name)} />
          <div className="container-confirm-buttons">
            <button type="button" className="button button-small" onClick={() => store.cancelRemove()} disabled={removing}>
              {t('dialog.cancel')}
            </button>
            <button type="button" className="button button-small button-danger" data-testid="container-remove-confirm" disabled={removing} onClick={() => void store.remove(container.id)}>
              {removing && <Spinner size={12} />}
              {t('containers.removeConfirm', { name: container.name })}
            </button>
          </div>
        </div>
      )}
      {removeError && <InlineError heading={t('containers.removeFailed', { name: container.name })} error={removeError} />}
    </li>
  );
}

/** The containers created from this image: the reason the engine refuses to delete it. */
export function ContainersTab({ imageId, reference }: { imageId: string; reference: string }) {
  const { t } = useTranslation();
  const { containers, loading, error } = useContainers();
  const current = useContainers((s) => s.imageId === imageId);

  useEffect(() => {
    void useContainers.getState().load(imageId);
  }, [imageId]);

  let content;
  if (error && current) {
    content = <InlineError heading={t('containers.errorTitle')} error={error} onRetry={() => void useContainers.getState().load(imageId)} />;
  } else if (loading || !current || !containers) {
    content = (
      <div className="details-loading">
        <Spinner size={20} label={t('containers.loading')} />
        <span>{t('containers.loading')}</span>
      </div>
    );
  } else if (containers.length === 0) {
    content = <StateView icon={<ContainerIcon size={26} />} title={t('containers.emptyTitle')} body={t('containers.emptyBody')} testId="containers-empty" />;
  } else {
    content = (
      <ul className="container-list" data-testid="container-list">
        {containers.map((c) => (
          <ContainerRow key={c.id} container={c} />
        ))}
      </ul>
    );
  }

  return (
    <div className="containers-tab">
      <p className="muted containers-cli">
        {t('containers.cliNote')} <code className="mono inline-code">{ancestorListCommand(reference)}</code> {t('containers.cliCaveat')}
      </p>
      {content}
    </div>
  );
}
