import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { shortId } from '../../../shared/format';
import type { ContainerBrief } from '../../../shared/removal-types';
import { exactDateTime, relativeTime } from '../../i18n/relative-time';
import { useContainers } from '../../stores/containers-store';
import { useClock } from '../../ui/clock-store';
import { ContainerIcon } from '../../ui/icons';
import { InlineError } from '../../ui/InlineError';
import { Spinner } from '../../ui/Spinner';
import { StateView } from '../../ui/StateView';
import { ContainerActions } from '../containers/ContainerActions';
import { ContainerState } from '../containers/ContainerState';
import { ancestorListCommand } from '../operations/container-commands';
import { lead } from '../../i18n/lead';

function ContainerRow({ container }: { container: ContainerBrief }) {
  const { t, i18n } = useTranslation();
  const now = useClock((s) => s.now);
  const ms = container.created * 1000;
  return (
    <li className="container-row" data-testid="container-row" data-name={container.name} data-state={container.state}>
      <div className="container-main">
        <ContainerIcon className="muted" />
        <span className="mono container-name">{container.name}</span>
        <ContainerState state={container.state} />
        <span className="muted" title={exactDateTime(i18n.language, ms)}>
          {t('containers.created', { when: relativeTime(t, ms, now, 'in-sentence') })}
        </span>
        <span className="mono muted container-id">{shortId(container.id)}</span>
      </div>
      <ContainerActions container={container} />
    </li>
  );
}

/** The containers created from this image: the reason the engine refuses to delete it. */
export function ContainersTab({ imageId, reference }: { imageId: string; reference: string }) {
  const { t } = useTranslation();
  const list = useContainers((s) => s.list);
  const error = useContainers((s) => s.error);
  const containers = list?.filter((c) => c.imageId === imageId) ?? null;

  useEffect(() => {
    void useContainers.getState().refresh();
  }, [imageId]);

  let content;
  if (error && !list) {
    content = <InlineError heading={t('containers.errorTitle')} error={error} onRetry={() => void useContainers.getState().refresh()} />;
  } else if (!containers) {
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
        {lead(t('containers.cliNote'))}
        <code className="mono inline-code">{ancestorListCommand(reference)}</code> {t('containers.cliCaveat')}
      </p>
      {content}
    </div>
  );
}
