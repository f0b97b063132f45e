import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportResult } from '../../../shared/archive-types';
import type { StevedoreError } from '../../../shared/errors';
import { exportCommand } from '../../../shared/file-commands';
import { baseName } from '../../../shared/host-path';
import type { ContainerBrief } from '../../../shared/removal-types';
import { api } from '../../api/client';
import { toStevedoreError } from '../../api/errors';
import { hostFiles } from '../../api/host-files';
import { lead } from '../../i18n/lead';
import { useFilesDialog } from '../../stores/files-dialog-store';
import { BreakableText } from '../../ui/BreakableText';
import { CommandHint } from '../../ui/CommandHint';
import { Dialog } from '../../ui/Dialog';
import { AlertIcon, CheckIcon } from '../../ui/icons';
import { InlineError } from '../../ui/InlineError';
import { Size } from '../../ui/Size';
import { Spinner } from '../../ui/Spinner';
import { JobProgress } from '../files/JobProgress';
import { useHostFolder } from '../files/use-host-folder';
import { useJob } from '../files/use-job';
import { useReveal } from '../files/use-reveal';
import { ContainerSubject } from './ContainerSubject';
import { exportFileName, hostPathProblem, joinHostPath } from './export-path';

/**
 * The last time the user pressed Export: whether it may replace a file, and what came of it — a job,
 * or a refusal before any job (the backend checks the target first, so an existing file is refused there).
 */
interface Attempt {
  overwrite: boolean;
  jobId: string | null;
  refused: StevedoreError | null;
}

/**
 * `docker export -o FILE CONTAINER`. The desktop app asks where with the native Save dialog; in a
 * browser the file is written on the web host's machine, so the user types a path there. A file that
 * exists is replaced only after the user says so.
 */
export function ExportDialog({ container, onClose }: { container: ContainerBrief; onClose(): void }) {
  const { t } = useTranslation();
  const web = hostFiles.kind === 'web';
  const folder = useHostFolder();
  const fileName = exportFileName(container.name);
  const [typed, setTyped] = useState<string | null>(null);
  // The native Save dialog has already asked about replacing an existing file.
  const [confirmedByDialog, setConfirmedByDialog] = useState(false);
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const [starting, setStarting] = useState(false);
  const jobId = attempt?.jobId ?? null;
  const job = useJob(jobId);

  // The web host's suggestion, until the user types their own.
  const path = typed ?? (web && folder ? joinHostPath(folder.dir, folder.separator, fileName) : null);
  const problem = web && path !== null ? hostPathProblem(path) : null;
  const running = jobId !== null && (job === null || job.state === 'running');
  const ended = jobId !== null && job !== null && job.state !== 'running' ? job : null;
  const failure = attempt?.refused ?? (ended?.state === 'failed' ? (ended.error ?? null) : null);
  // The target may also appear while the export runs: the job then fails the same way.
  const exists = failure?.code === 'CONFLICT' && !attempt?.overwrite;
  const result = ended?.state === 'done' ? (ended.result as ExportResult) : null;
  const canStart = path !== null && problem === null && !starting && !running && result === null;
  const statusRef = useReveal<HTMLDivElement>(attempt ? `${jobId ?? 'refused'}:${job?.state ?? 'starting'}` : null);

  const changePath = (value: string, fromDialog: boolean) => {
    setTyped(value);
    setConfirmedByDialog(fromDialog);
    setAttempt(null);
  };

  const choose = async () => {
    const chosen = await hostFiles.chooseSavePath(path ?? fileName, [{ name: t('importDialog.fileFilter'), extensions: ['tar'] }]);
    if (chosen) changePath(chosen, true);
  };

  const start = async (overwrite: boolean) => {
    if (!canStart || path === null) return;
    setStarting(true);
    try {
      const started = await api.call('containers.export', { id: container.id, path, overwrite });
      setAttempt({ overwrite, jobId: started.jobId, refused: null });
    } catch (err) {
      setAttempt({ overwrite, jobId: null, refused: toStevedoreError(err) });
    } finally {
      setStarting(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void start(exists || (attempt?.overwrite ?? confirmedByDialog));
  };

  const importIt = (done: ExportResult) =>
    useFilesDialog.getState().open({ kind: 'import', file: { kind: 'path', path: done.path, name: baseName(done.path), bytes: done.bytes } });

  const footer = result ? (
    <>
      <button type="button" className="button" data-testid="export-import" onClick={() => importIt(result)}>
        {t('exportDialog.importIt')}
      </button>
      <button key="done" type="button" className="button button-primary" data-testid="export-done" onClick={onClose} autoFocus>
        {t('dialog.done')}
      </button>
    </>
  ) : (
    <>
      <button type="button" className="button" data-testid="export-close" onClick={onClose}>
        {running ? t('exportDialog.close') : t('dialog.cancel')}
      </button>
      {!running && (
        <button type="submit" form="export-form" className={`button ${exists ? 'button-danger' : 'button-primary'}`} data-testid="export-submit" disabled={!canStart}>
          {starting && <Spinner size={14} />}
          {exists ? t('exportDialog.replace') : attempt ? t('exportDialog.tryAgain') : t('exportDialog.submit')}
        </button>
      )}
    </>
  );

  return (
    <Dialog title={t('exportDialog.title', { name: container.name })} testId="export-dialog" onClose={onClose} footer={footer} size="medium">
      <form id="export-form" className="job-dialog-form" onSubmit={onSubmit} noValidate>
        <p className="job-dialog-explain">{t('exportDialog.explain')}</p>
        <ContainerSubject container={container} label={t('exportDialog.container')} />
        {web ? (
          <label className="field">
            <span className="field-label">{t('exportDialog.pathWeb')}</span>
            <input
              className={`text-input mono${problem ? ' is-invalid' : ''}`}
              data-testid="export-path"
              value={path ?? ''}
              placeholder={fileName}
              spellCheck={false}
              autoComplete="off"
              disabled={running || result !== null}
              aria-invalid={problem !== null}
              onChange={(e) => changePath(e.target.value, false)}
            />
            {problem ? (
              <span className="field-error" data-testid="export-path-problem" data-problem={problem}>
                {t(`exportDialog.pathProblems.${problem}`, { file: fileName })}
              </span>
            ) : (
              <span className="field-note">{t('exportDialog.pathNoteWeb')}</span>
            )}
          </label>
        ) : (
          <div className="field">
            <span className="field-label">{t('exportDialog.pathDesktop')}</span>
            <span className="job-dialog-path-row">
              <span className={`job-dialog-path mono${path ? '' : ' muted'}`} data-testid="export-path">
                {path ? <BreakableText text={path} /> : t('exportDialog.noPath')}
              </span>
              <button type="button" className="button" data-testid="export-choose" disabled={running || result !== null} onClick={() => void choose()}>
                {t('exportDialog.choose')}
              </button>
            </span>
          </div>
        )}
        <CommandHint command={exportCommand(container.name, path ?? fileName)} />
        <div ref={statusRef} className="job-dialog-status" aria-live="polite">
          {running && (job ? <JobProgress job={job} failedHeading={t('exportDialog.failed')} /> : <Spinner size={16} />)}
          {exists && path && (
            <p className="job-dialog-warning" data-testid="export-exists" role="alert">
              <AlertIcon />
              <span>{t('exportDialog.exists', { file: baseName(path) })}</span>
            </p>
          )}
          {failure && !exists && <InlineError heading={t('exportDialog.failed')} error={failure} testId="export-error" />}
          {ended?.state === 'cancelled' && (
            <p className="muted" data-testid="export-cancelled">
              {t('exportDialog.cancelled')}
            </p>
          )}
          {result && (
            <p className="job-dialog-result" data-testid="export-result" data-path={result.path} data-bytes={result.bytes}>
              <CheckIcon className="ok-icon" />
              <span>
                {lead(t('exportDialog.done'))}
                <code className="mono">
                  <BreakableText text={result.path} />
                </code>{' '}
                · <Size bytes={result.bytes} />
              </span>
            </p>
          )}
        </div>
      </form>
    </Dialog>
  );
}
