import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useJobs } from '../../stores/jobs-store';
import { useClock } from '../../ui/clock-store';
import { CloseIcon } from '../../ui/icons';
import { TaskRow } from './TaskRow';

/**
 * Every job the backend runs or ran — saves, loads, imports, exports, commits, disk-usage reports —
 * with progress, command and outcome. A side panel rather than a dialog: work goes on beside it.
 */
export function TasksPanel() {
  const { t } = useTranslation();
  const open = useJobs((s) => s.open);
  const jobs = useJobs((s) => s.jobs);
  const now = useClock((s) => s.now);
  const ref = useRef<HTMLElement>(null);
  const anyRunning = jobs.some((j) => j.state === 'running');

  // Rates and times left move with the clock: a second's tick while something runs and the panel is open.
  useEffect(() => {
    if (!open || !anyRunning) return;
    const timer = setInterval(() => useClock.setState({ now: Date.now() }), 1000);
    return () => clearInterval(timer);
  }, [open, anyRunning]);

  useEffect(() => {
    if (!open) return;
    ref.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !document.querySelector('[aria-modal="true"]')) useJobs.getState().setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  if (!open) return null;
  const finished = jobs.filter((j) => j.state !== 'running').length;
  return (
    <aside id="tasks-panel" className="tasks-panel" data-testid="tasks-panel" aria-label={t('tasks.title')} tabIndex={-1} ref={ref} data-own-keys>
      <div className="tasks-panel-head">
        <h2 className="tasks-panel-title">{t('tasks.title')}</h2>
        {finished > 0 && (
          <button type="button" className="button button-small" data-testid="tasks-clear" onClick={() => void useJobs.getState().dismiss('finished')}>
            {t('tasks.clearFinished')}
          </button>
        )}
        <button type="button" className="icon-button" data-testid="tasks-close" aria-label={t('tasks.close')} onClick={() => useJobs.getState().setOpen(false)}>
          <CloseIcon />
        </button>
      </div>
      {jobs.length === 0 ? (
        <p className="tasks-empty" data-testid="tasks-empty">
          {t('tasks.empty')}
        </p>
      ) : (
        <ul className="task-list">
          {jobs.map((job) => (
            <TaskRow key={job.jobId} job={job} now={now} />
          ))}
        </ul>
      )}
    </aside>
  );
}
