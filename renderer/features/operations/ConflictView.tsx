import { useTranslation } from 'react-i18next';
import { shortId } from '../../../shared/format';
import type { ConflictExplanation, ContainerBrief } from '../../../shared/removal-types';
import { useImages } from '../../stores/images-store';
import { relativeTime } from '../../i18n/relative-time';
import { useClock } from '../../ui/clock-store';
import { AlertIcon, ContainerIcon, ShieldIcon } from '../../ui/icons';
import { useContainers } from '../../stores/containers-store';
import { useStoreKind } from '../../stores/engine-store';
import { useRemoval } from '../../stores/removal-store';
import { ContainerActions } from '../containers/ContainerActions';
import { ContainerState } from '../containers/ContainerState';
import { containerStopCommand } from './container-commands';
import { displayTarget, forceOutcome } from './removal-view';
import { lead, listOf } from '../../i18n/lead';

/** Enough child images to recognise the family; the rest are counted. */
const MAX_CHILDREN = 8;

interface ConflictViewProps {
  conflict: ConflictExplanation;
  /** Start untagging one of the image's tags instead (for "referenced in several repositories"). */
  onUntag?: (ref: string) => void;
  /** Jump to the details' Containers section for the image. */
  onShowContainers?: (imageId: string) => void;
}

/** The containers in the way, each with what can be done about it right here (start, stop, remove). */
function ContainerList({ containers }: { containers: ContainerBrief[] }) {
  const { t } = useTranslation();
  const now = useClock((s) => s.now);
  // Live states: a container stopped from this card shows as stopped at once.
  const live = useContainers((s) => s.list);
  // A container action changes what the engine would refuse: ask again.
  const replan = () => useRemoval.getState().replan();
  return (
    <ul className="conflict-containers">
      {containers.map((c) => {
        const current = live?.find((x) => x.id === c.id) ?? c;
        return (
          <li key={c.id} data-testid="conflict-container" data-name={c.name} data-state={current.state}>
            <div className="conflict-container-head">
              <ContainerIcon className="muted" />
              <span className="mono">{c.name}</span>
              <ContainerState state={current.state} />
              <span className="muted">{t('conflicts.created', { when: relativeTime(t, c.created * 1000, now, 'in-sentence') })}</span>
            </div>
            {live?.some((x) => x.id === c.id) ? <ContainerActions container={current} onDone={replan} /> : <span className="muted">{t('conflicts.containerGone')}</span>}
          </li>
        );
      })}
    </ul>
  );
}

/** One refusal of `docker rmi`, in plain words, with what the user can do next. */
export function ConflictView({ conflict, onUntag, onShowContainers }: ConflictViewProps) {
  const { t, i18n } = useTranslation();
  // The jump opens the image's details, which needs its row in the list (not so for hidden intermediates).
  const listed = useImages((s) => s.rows.some((r) => r.imageId === conflict.imageId));
  const force = forceOutcome(conflict, useStoreKind());
  const id = shortId(conflict.imageId);
  const names = conflict.containers.map((c) => c.name).join(', ');
  const firstName = conflict.containers[0]?.name ?? '';
  const vars = { target: displayTarget(conflict.target), id, tags: listOf(conflict.tags, i18n.language), names, name: firstName, count: conflict.containers.length };

  let body;
  switch (conflict.kind) {
    case 'multiple-repositories':
      body = (
        <>
          <p>{t('conflicts.multipleBody', vars)}</p>
          {onUntag && conflict.tags.length > 0 && (
            <div className="conflict-actions">
              <span className="muted">{t('conflicts.untagOne')}</span>
              {conflict.tags.map((tag) => (
                <button key={tag} type="button" className="button button-small mono" data-testid="conflict-untag" data-ref={tag} onClick={() => onUntag(tag)}>
                  {tag}
                </button>
              ))}
            </div>
          )}
        </>
      );
      break;
    case 'container-using-reference':
    case 'stopped-container':
      body = (
        <>
          <p>{t(conflict.kind === 'stopped-container' ? 'conflicts.stoppedBody' : 'conflicts.referenceBody', vars)}</p>
          <ContainerList containers={conflict.containers} />
          <p className="conflict-next" data-testid="conflict-next" data-force={force}>
            {t(force === 'none' ? 'conflicts.stoppedNextRunning' : force === 'name-only' ? 'conflicts.nextNameOnly' : 'conflicts.stoppedNext', vars)}
          </p>
        </>
      );
      break;
    case 'running-container':
      body = (
        <>
          <p>{t('conflicts.runningBody', vars)}</p>
          <ContainerList containers={conflict.containers} />
          <p className="conflict-next">
            {lead(t('conflicts.runningNext'))}
            <code className="mono inline-code">{containerStopCommand(firstName || id)}</code>
          </p>
        </>
      );
      break;
    case 'child-images':
      body = (
        <>
          <p>{t('conflicts.childBody', { ...vars, count: conflict.children.length })}</p>
          <ul className="conflict-children">
            {conflict.children.slice(0, MAX_CHILDREN).map((c) => (
              <li key={c.id} className="mono">
                {c.tags.length > 0 ? c.tags.join(', ') : `${shortId(c.id)} <none>`}
              </li>
            ))}
          </ul>
          {conflict.children.length > MAX_CHILDREN && <p className="muted">{t('conflicts.moreChildren', { count: conflict.children.length - MAX_CHILDREN })}</p>}
          <p className="conflict-next">{t('conflicts.childNext')}</p>
        </>
      );
      break;
    default:
      body = <p>{t('conflicts.otherBody')}</p>;
  }

  const showContainers = onShowContainers && listed && conflict.containers.length > 0;
  return (
    <li className={`conflict conflict-${conflict.forceable ? 'forceable' : 'blocked'}`} data-testid="remove-conflict" data-kind={conflict.kind} data-forceable={conflict.forceable ? 'true' : 'false'} data-target={conflict.target}>
      <div className="conflict-head">
        <AlertIcon className="conflict-icon" />
        <strong>{t(`conflicts.title.${conflict.kind}`, vars)}</strong>
        <span className={`badge ${conflict.forceable ? 'badge-attention' : 'badge-danger'}`}>
          {conflict.forceable ? t('conflicts.forceable') : (
            <>
              <ShieldIcon size={12} /> {t('conflicts.notForceable')}
            </>
          )}
        </span>
      </div>
      <div className="conflict-body">
        {body}
        {showContainers && (
          <button type="button" className="button button-small" data-testid="conflict-show-containers" onClick={() => onShowContainers(conflict.imageId)}>
            <ContainerIcon size={14} />
            {t('conflicts.showContainers')}
          </button>
        )}
        <details className="technical">
          <summary>{t('conflicts.engineWords')}</summary>
          <pre>{conflict.detail}</pre>
        </details>
      </div>
    </li>
  );
}
