import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useJobs } from '../../stores/jobs-store';
import { TasksIcon } from '../../ui/icons';
import { isEditable, modalOpen } from '../../ui/keyboard';
import { runningCount } from './task-view';

/** The header's way to the Tasks panel, with a badge for running jobs; `j` toggles it from anywhere. */
export function TasksButton() {
  const { t } = useTranslation();
  const running = useJobs((s) => runningCount(s.jobs));
  const unseen = useJobs((s) => s.unseen.size);
  const open = useJobs((s) => s.open);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'j' || event.ctrlKey || event.metaKey || event.altKey || isEditable(event.target) || modalOpen()) return;
      event.preventDefault();
      useJobs.getState().toggle();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const label = running > 0 ? t('tasks.buttonRunning', { count: running }) : t('tasks.button');
  return (
    <button
      type="button"
      className={`button tasks-button${open ? ' is-active' : ''}`}
      data-testid="tasks-button"
      aria-expanded={open}
      aria-controls="tasks-panel"
      title={t('tasks.buttonTitle')}
      onClick={() => useJobs.getState().toggle()}
    >
      <TasksIcon />
      <span>{t('tasks.button')}</span>
      {running > 0 ? (
        <span className="tasks-badge" data-testid="tasks-badge" aria-label={label}>
          {running}
        </span>
      ) : unseen > 0 ? (
        <span className="tasks-badge tasks-badge-done" data-testid="tasks-badge-unseen" aria-label={t('tasks.unseen', { count: unseen })}>
          {unseen}
        </span>
      ) : null}
    </button>
  );
}
