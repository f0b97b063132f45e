import { useTranslation } from 'react-i18next';
import type { ContainerBrief } from '../../../shared/removal-types';
import { useContainers } from '../../stores/containers-store';
import { CommandHint } from '../../ui/CommandHint';
import { PlayIcon, StopIcon, TrashIcon } from '../../ui/icons';
import { InlineError } from '../../ui/InlineError';
import { Spinner } from '../../ui/Spinner';
import { isActiveContainer } from '../../../shared/container-state';
import { containerRemoveCommand, containerStartCommand, containerStopCommand } from '../operations/container-commands';

/**
 * Start, Stop and Remove for one container. Stop and Remove ask first, saying what is lost: a stop
 * interrupts what runs; a remove deletes the container's own files (its writable layer).
 */
export function ContainerActions({ container, onDone }: { container: ContainerBrief; onDone?: () => void }) {
  const { t } = useTranslation();
  const pending = useContainers((s) => s.pending[container.id]);
  const confirming = useContainers((s) => (s.confirming?.id === container.id ? s.confirming.action : null));
  const error = useContainers((s) => (s.actionError?.id === container.id ? s.actionError : null));
  const store = useContainers.getState();
  const active = isActiveContainer(container.state);
  const run = async (action: 'start' | 'stop' | 'remove') => {
    if (await store.run(container.id, action)) onDone?.();
  };
  const busy = pending !== undefined;

  return (
    <div className="container-actions" data-testid="container-actions" data-name={container.name}>
      {!confirming && (
        <div className="container-action-buttons">
          {active ? (
            <button type="button" className="button button-small" data-testid="container-stop" disabled={busy} onClick={() => store.ask(container.id, 'stop')}>
              {pending === 'stop' ? <Spinner size={12} /> : <StopIcon size={14} />}
              {t('containers.stop')}
            </button>
          ) : (
            <>
              <button type="button" className="button button-small" data-testid="container-start" disabled={busy} title={containerStartCommand(container.name)} onClick={() => void run('start')}>
                {pending === 'start' ? <Spinner size={12} /> : <PlayIcon size={14} />}
                {t('containers.start')}
              </button>
              <button type="button" className="button button-small" data-testid="container-remove" disabled={busy} onClick={() => store.ask(container.id, 'remove')}>
                <TrashIcon size={14} />
                {t('containers.remove')}
              </button>
            </>
          )}
        </div>
      )}
      {confirming && (
        <div className="container-confirm" role="group" aria-label={t(`containers.confirm.${confirming}Label`, { name: container.name })}>
          <p>{t(`containers.confirm.${confirming}Text`, { name: container.name })}</p>
          <CommandHint command={confirming === 'stop' ? containerStopCommand(container.name) : containerRemoveCommand(container.name)} />
          <div className="container-confirm-buttons">
            <button type="button" className="button button-small" onClick={() => store.cancel()} disabled={busy}>
              {t('dialog.cancel')}
            </button>
            <button type="button" className="button button-small button-danger" data-testid={`container-${confirming}-confirm`} disabled={busy} onClick={() => void run(confirming)}>
              {busy && <Spinner size={12} />}
              {t(`containers.confirm.${confirming}Button`, { name: container.name })}
            </button>
          </div>
        </div>
      )}
      {error && <InlineError heading={t(`containers.failed.${error.action}`, { name: container.name })} error={error.error} />}
    </div>
  );
}
