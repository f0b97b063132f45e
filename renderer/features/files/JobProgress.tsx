import { useTranslation } from 'react-i18next';
import type { JobUpdate } from '../../../shared/job-types';
import { useJobs } from '../../stores/jobs-store';
import { useClock } from '../../ui/clock-store';
import { InlineError } from '../../ui/InlineError';
import { CheckIcon } from '../../ui/icons';
import { TaskResult } from '../tasks/TaskResult';
import { TaskRow } from '../tasks/TaskRow';

/** A dialog's (or a page's) own job, shown as the Tasks panel shows it, with a line saying it goes on if left. */
export function JobProgress({ job, failedHeading, onPage = false }: { job: JobUpdate; failedHeading: string; onPage?: boolean }) {
  const { t } = useTranslation();
  const now = useClock((s) => s.now);
  if (job.state === 'done') {
    return (
      <div className="job-done" data-testid="job-done" role="status">
        <CheckIcon />
        <div>
          <strong>{t('files.done')}</strong>
          <TaskResult job={job} />
        </div>
      </div>
    );
  }
  if (job.state === 'failed' && job.error) return <InlineError heading={failedHeading} error={job.error} testId="job-error" />;
  if (job.state === 'cancelled') return <p className="muted">{t('tasks.states.cancelled')}</p>;
  return (
    <div className="job-progress" data-testid="job-progress">
      <ul className="task-list task-list-inline">
        <TaskRow job={job} now={now} />
      </ul>
      <p className="field-note">
        {t(onPage ? 'files.goesOnPage' : 'files.goesOn')}{' '}
        <button type="button" className="link-button" onClick={() => useJobs.getState().setOpen(true)}>
          {t('files.openTasks')}
        </button>
      </p>
    </div>
  );
}
