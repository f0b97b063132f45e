import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatSize } from '../../../shared/format';
import type { JobUpdate } from '../../../shared/job-types';
import { useJobs } from '../../stores/jobs-store';
import { CopyButton } from '../../ui/CopyButton';
import { InlineError } from '../../ui/InlineError';
import { CloseIcon } from '../../ui/icons';
import { TaskResult } from './TaskResult';
import { etaParts, taskProgress } from './task-view';
import { exactDateTime, relativeTime } from '../../i18n/relative-time';

const KINDS = {
  'images.save': 'images_save',
  'images.download': 'images_download',
  'archives.load': 'archives_load',
  'images.import': 'images_import',
  'containers.export': 'containers_export',
  'containers.commit': 'containers_commit',
  'images.usage': 'images_usage',
  'system.df': 'system_df',
  'uploads.create': 'uploads_create',
  'images.pull': 'images_pull',
  'images.push': 'images_push',
  'layers.analyse': 'layers_analyse',
  'layers.sharing': 'layers_sharing',
} as const;
type Kind = (typeof KINDS)[keyof typeof KINDS] | 'other';
/**
 * Where a user might wonder whether a cancel left half a file behind. A save to a path leaves none (see
 * atomic-file); a browser download is the browser's, which marks it failed.
 */
const CANCEL_NOTES: Partial<Record<Kind, 'noFile' | 'download'>> = {
  images_save: 'noFile',
  containers_export: 'noFile',
  images_download: 'download',
};
const kindOf = (name: string): Kind => (Object.prototype.hasOwnProperty.call(KINDS, name) ? KINDS[name as keyof typeof KINDS] : 'other');


/** One job: what it is, its command, a progress bar with bytes and time left, then its outcome. */
export const TaskRow = memo(function TaskRow({ job, now }: { job: JobUpdate; now: number }) {
  const { t, i18n } = useTranslation();
  const p = taskProgress(job, now);
  const kind = kindOf(job.name);
  const running = job.state === 'running';
  const amount =
    p.bytes === null
      ? null
      : p.total === null
        ? formatSize(p.bytes)
        : t(p.estimated ? 'tasks.ofEstimated' : 'tasks.of', { done: formatSize(p.bytes), total: formatSize(p.total) });
  return (
    <li className={`task task-${job.state}`} data-testid="task" data-job-name={job.name} data-state={job.state}>
      <div className="task-head">
        <span className="task-name">{t(`tasks.kinds.${kind}`)}</span>
        <span className={`task-state task-state-${job.state}`} data-testid="task-state">
          {t(`tasks.states.${job.state}`)}
        </span>
        <span className="task-when" title={exactDateTime(i18n.language, job.finishedAt ?? job.startedAt)}>
          {relativeTime(t, job.finishedAt ?? job.startedAt, Math.max(now, job.finishedAt ?? job.startedAt))}
        </span>
        <span className="task-spacer" />
        {running ? (
          <button type="button" className="button button-small" data-testid="task-cancel" onClick={() => void useJobs.getState().cancel(job.jobId)}>
            {t('tasks.cancel')}
          </button>
        ) : (
          <button type="button" className="icon-button" data-testid="task-dismiss" aria-label={t('tasks.dismiss')} title={t('tasks.dismiss')} onClick={() => void useJobs.getState().dismiss([job.jobId])}>
            <CloseIcon size={14} />
          </button>
        )}
      </div>
      <div className="task-command">
        <code title={job.title}>{job.title}</code>
        <CopyButton text={job.title} label={t('command.copy')} testId="task-copy" className="task-copy" />
      </div>
      {running && (
        <div className="task-progress">
          <div
            className={`task-bar${p.fraction === null ? ' is-indeterminate' : ''}`}
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={p.fraction === null ? undefined : Math.round(p.fraction * 100)}
            aria-label={t(`tasks.kinds.${kind}`)}
          >
            <div className="task-bar-fill" style={p.fraction === null ? undefined : { width: `${(p.fraction * 100).toFixed(1)}%` }} />
          </div>
          <div className="task-numbers" data-testid="task-numbers">
            {p.phase && <span>{t(`tasks.phases.${p.phase}`)}</span>}
            {amount && <span>{amount}</span>}
            {p.rate !== null && <span>{t('tasks.rate', { rate: formatSize(p.rate) })}</span>}
            {p.etaMs !== null && <span>{t(`tasks.eta.${etaParts(p.etaMs).unit}`, { count: etaParts(p.etaMs).count })}</span>}
          </div>
        </div>
      )}
      {job.state === 'done' && <TaskResult job={job} />}
      {job.state === 'failed' && job.error && <InlineError heading={t('tasks.states.failed')} error={job.error} testId="task-error" />}
      {job.state === 'cancelled' && CANCEL_NOTES[kind] && (
        <p className="task-note" data-testid="task-cancel-note">
          {t(`tasks.cancelNotes.${CANCEL_NOTES[kind]}`)}
        </p>
      )}
    </li>
  );
});
