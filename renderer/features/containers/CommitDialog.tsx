import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../../shared/archive-types';
import { isActiveContainer } from '../../../shared/container-state';
import type { StevedoreError } from '../../../shared/errors';
import { commitCommand } from '../../../shared/file-commands';
import type { ContainerBrief } from '../../../shared/removal-types';
import { api } from '../../api/client';
import { toStevedoreError } from '../../api/errors';
import { joinSentences } from '../../i18n/lead';
import { CommandHint } from '../../ui/CommandHint';
import { Dialog } from '../../ui/Dialog';
import { InlineError } from '../../ui/InlineError';
import { Spinner } from '../../ui/Spinner';
import { ChangesField } from '../files/ChangesField';
import { changeLines, checkChangesText } from '../files/change-problems';
import { ImageNameField } from '../files/ImageNameField';
import { JobProgress } from '../files/JobProgress';
import { NewImageResult } from '../files/NewImageResult';
import { useJob } from '../files/use-job';
import { useReveal } from '../files/use-reveal';
import { checkTagInput } from '../operations/tag-form';
import { ContainerSubject } from './ContainerSubject';

const MAX_AUTHOR = 256;
const MAX_MESSAGE = 4096;

/**
 * `docker commit`: the container's image plus its changed files become a new image, optionally named,
 * with author, message and `-c` changes. Paused while copied unless the user says otherwise, as the CLI.
 */
export function CommitDialog({ container, onClose }: { container: ContainerBrief; onClose(): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [author, setAuthor] = useState('');
  const [message, setMessage] = useState('');
  const [changesText, setChangesText] = useState('');
  const [pause, setPause] = useState(true);
  const [jobId, setJobId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<StevedoreError | null>(null);
  const job = useJob(jobId);

  const nameVerdict = checkTagInput(name);
  const changes = checkChangesText(changesText);
  const target = nameVerdict.state === 'valid' ? nameVerdict.target : undefined;
  const running = jobId !== null && (job === null || job.state === 'running');
  const ended = jobId !== null && job !== null && job.state !== 'running' ? job : null;
  const result = ended?.state === 'done' ? (ended.result as ImportResult) : null;
  const locked = running || result !== null;
  const canStart = nameVerdict.state !== 'invalid' && changes.ok && !starting && !locked;
  const active = isActiveContainer(container.state);
  const statusRef = useReveal<HTMLDivElement>(jobId ? `${jobId}:${job?.state ?? 'starting'}` : startError ? 'refused' : null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!canStart || !changes.ok) return;
    setStarting(true);
    setStartError(null);
    try {
      const answer = await api.call('containers.commit', { id: container.id, name: target, author, message, changes: changes.changes, pause });
      setJobId(answer.jobId);
    } catch (err) {
      setStartError(toStevedoreError(err));
    } finally {
      setStarting(false);
    }
  };

  const footer = result ? (
    <button key="done" type="button" className="button button-primary" data-testid="commit-done" onClick={onClose} autoFocus>
      {t('dialog.done')}
    </button>
  ) : (
    <>
      <button type="button" className="button" data-testid="commit-close" onClick={onClose}>
        {running ? t('commitDialog.close') : t('dialog.cancel')}
      </button>
      {!running && (
        <button type="submit" form="commit-form" className="button button-primary" data-testid="commit-submit" disabled={!canStart}>
          {starting && <Spinner size={14} />}
          {ended ? t('commitDialog.tryAgain') : t('commitDialog.submit')}
        </button>
      )}
    </>
  );

  return (
    <Dialog title={t('commitDialog.title', { name: container.name })} testId="commit-dialog" onClose={onClose} footer={footer} size="medium">
      <form id="commit-form" className="job-dialog-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <p className="job-dialog-explain">{t('commitDialog.explain')}</p>
        <ContainerSubject container={container} label={t('commitDialog.container')} />
        <fieldset className="job-dialog-fields" disabled={locked}>
          <ImageNameField value={name} verdict={nameVerdict} onChange={setName} testId="commit-name" disabled={jobId !== null} />
          <div className="job-dialog-pair">
            <label className="field">
              <span className="field-label">{t('commitDialog.author')}</span>
              <input className="text-input" data-testid="commit-author" value={author} maxLength={MAX_AUTHOR} placeholder={t('commitDialog.authorPlaceholder')} autoComplete="off" onChange={(e) => setAuthor(e.target.value)} />
            </label>
            <label className="field">
              <span className="field-label">{t('commitDialog.message')}</span>
              <input className="text-input" data-testid="commit-message" value={message} maxLength={MAX_MESSAGE} placeholder={t('commitDialog.messagePlaceholder')} autoComplete="off" onChange={(e) => setMessage(e.target.value)} />
            </label>
          </div>
          <ChangesField value={changesText} check={changes} onChange={setChangesText} testId="commit-changes" />
          <div className="field">
            <label className="field-inline">
              <input type="checkbox" data-testid="commit-pause" checked={pause} onChange={(e) => setPause(e.target.checked)} />
              <span>{t('commitDialog.pause')}</span>
            </label>
            <span className="field-note">{joinSentences([t('commitDialog.pauseNote'), active ? null : t('commitDialog.pauseNotRunning')])}</span>
          </div>
        </fieldset>
        <CommandHint command={commitCommand(container.name, target, { author, message, changes: changeLines(changesText), pause })} />
        <div ref={statusRef} className="job-dialog-status" aria-live="polite">
          {startError && <InlineError heading={t('commitDialog.failed')} error={startError} testId="commit-error" />}
          {running && (job ? <JobProgress job={job} failedHeading={t('commitDialog.failed')} /> : <Spinner size={16} />)}
          {ended?.state === 'failed' && ended.error && <InlineError heading={t('commitDialog.failed')} error={ended.error} testId="commit-error" />}
          {ended?.state === 'cancelled' && (
            <p className="muted" data-testid="commit-cancelled">
              {t('commitDialog.cancelled')}
            </p>
          )}
          {result && <NewImageResult result={result} kind="commit" onShown={onClose} />}
        </div>
      </form>
    </Dialog>
  );
}
