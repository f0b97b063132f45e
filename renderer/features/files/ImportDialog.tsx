import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../../shared/archive-types';
import { importCommand } from '../../../shared/file-commands';
import { api } from '../../api/client';
import { toStevedoreError } from '../../api/errors';
import { hostFiles, type PickedFile } from '../../api/host-files';
import { jobEnd } from '../../stores/jobs-store';
import { CommandHint } from '../../ui/CommandHint';
import { Dialog } from '../../ui/Dialog';
import { InlineError } from '../../ui/InlineError';
import { Spinner } from '../../ui/Spinner';
import { ChangesField } from './ChangesField';
import { changeLines, checkChangesText } from './change-problems';
import { ImageNameField } from './ImageNameField';
import { ImportExplainer } from './ImportExplainer';
import { runImport, uploadLeftOnHost, type ImportDeps, type ImportOutcome } from './import-flow';
import { importSourceLabel, importSourceReady, type ImportSourceChoice } from './import-source';
import { ImportSourceField } from './ImportSourceField';
import { JobProgress } from './JobProgress';
import { NewImageResult } from './NewImageResult';
import { UploadProgress } from './UploadProgress';
import { useJob } from './use-job';
import { useReveal } from './use-reveal';
import { checkTagInput } from '../operations/tag-form';

const MAX_MESSAGE = 4096;

type Phase =
  | { phase: 'editing' }
  | { phase: 'uploading'; fileName: string; sent: number; total: number; abort: AbortController }
  | { phase: 'starting' }
  | { phase: 'importing'; jobId: string }
  | { phase: 'ended'; outcome: ImportOutcome };

/** A copy of a browser's file that the host still keeps after a failed import, for a retry to reuse. */
interface LeftUpload {
  file: PickedFile;
  uploadId: string;
}

const deps: ImportDeps = {
  upload: (file, signal, onProgress) => hostFiles.upload(file, { signal, onProgress }),
  start: (args) => api.call('images.import', args),
  end: jobEnd,
  toError: toStevedoreError,
};

const discard = (uploadId: string) => void api.call('uploads.discard', { uploadId }).catch(() => undefined);

/**
 * `docker import`: a filesystem tar (what `docker export` writes) becomes a one-layer image. The file
 * is one the user dropped or picks, or a URL the engine downloads itself. In a browser the file is
 * copied to the host first; the import then reads that copy.
 */
export function ImportDialog({ file, onClose }: { file: PickedFile | null; onClose(): void }) {
  const { t } = useTranslation();
  const [source, setSource] = useState<ImportSourceChoice>({ kind: 'file', file });
  const [name, setName] = useState('');
  const [message, setMessage] = useState('');
  const [changesText, setChangesText] = useState('');
  const [phase, setPhase] = useState<Phase>({ phase: 'editing' });
  const [left, setLeft] = useState<LeftUpload | null>(null);

  const nameVerdict = checkTagInput(name);
  const changes = checkChangesText(changesText);
  const target = nameVerdict.state === 'valid' ? nameVerdict.target : undefined;
  const importJobId = phase.phase === 'importing' ? phase.jobId : phase.phase === 'ended' && phase.outcome.kind === 'ended' ? phase.outcome.job.jobId : null;
  const importJob = useJob(importJobId);
  const inFlight = phase.phase === 'uploading' || phase.phase === 'starting' || phase.phase === 'importing';
  const outcome = phase.phase === 'ended' ? phase.outcome : null;
  const result = outcome?.kind === 'ended' && outcome.job.state === 'done' ? (outcome.job.result as ImportResult) : null;
  const statusRef = useReveal<HTMLDivElement>(phase.phase === 'editing' ? null : `${phase.phase}:${importJob?.state ?? ''}`);
  const canStart = importSourceReady(source) && nameVerdict.state !== 'invalid' && changes.ok && !inFlight && result === null;

  // Closing the dialog with a copy nobody will import removes it from the host at once, not in an hour.
  const leftRef = useRef<{ left: LeftUpload | null; inFlight: boolean }>({ left: null, inFlight: false });
  useEffect(() => {
    leftRef.current = { left, inFlight };
  });
  useEffect(
    () => () => {
      const { left: stale, inFlight: busy } = leftRef.current;
      if (stale && !busy) discard(stale.uploadId);
    },
    [],
  );

  const changeSource = (next: ImportSourceChoice) => {
    // Another file makes the copy useless; a look at the URL option does not.
    if (left && next.kind === 'file' && left.file !== next.file) {
      discard(left.uploadId);
      setLeft(null);
    }
    setSource(next);
    if (phase.phase === 'ended') setPhase({ phase: 'editing' });
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!canStart || !changes.ok) return;
    const picked = source.kind === 'file' ? source.file : null;
    const reuse = left && left.file === picked ? left.uploadId : null;
    const abort = new AbortController();
    const ended = await runImport(
      { source, name: target, message, changes: changes.changes },
      reuse,
      deps,
      (stage) => {
        if (stage.stage === 'uploading') setPhase({ phase: 'uploading', fileName: stage.file.name, sent: stage.sent, total: stage.file.size, abort });
        else if (stage.stage === 'starting') setPhase({ phase: 'starting' });
        else setPhase({ phase: 'importing', jobId: stage.jobId });
      },
      abort.signal,
    );
    const kept = uploadLeftOnHost(ended);
    setLeft(kept && picked ? { file: picked, uploadId: kept } : null);
    setPhase({ phase: 'ended', outcome: ended });
  };

  const footer = result ? (
    <button key="done" type="button" className="button button-primary" data-testid="import-done" onClick={onClose} autoFocus>
      {t('dialog.done')}
    </button>
  ) : (
    <>
      <button type="button" className="button" data-testid="import-close" onClick={onClose}>
        {inFlight ? t('importDialog.close') : t('dialog.cancel')}
      </button>
      {!inFlight && (
        <button type="submit" form="import-form" className="button button-primary" data-testid="import-submit" disabled={!canStart}>
          {outcome ? t('importDialog.tryAgain') : t('importDialog.submit')}
        </button>
      )}
    </>
  );

  return (
    <Dialog title={t('importDialog.title')} testId="import-dialog" onClose={onClose} footer={footer} size="large">
      <form id="import-form" className="job-dialog-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <ImportExplainer />
        <fieldset className="job-dialog-fields" disabled={inFlight || result !== null}>
          <ImportSourceField source={source} onChange={changeSource} />
          <ImageNameField value={name} verdict={nameVerdict} onChange={setName} testId="import-name" disabled={importJobId !== null} />
          <label className="field">
            <span className="field-label">{t('importDialog.message')}</span>
            <input className="text-input" data-testid="import-message" value={message} maxLength={MAX_MESSAGE} placeholder={t('importDialog.messagePlaceholder')} autoComplete="off" onChange={(e) => setMessage(e.target.value)} />
          </label>
          <ChangesField value={changesText} check={changes} onChange={setChangesText} testId="import-changes" />
        </fieldset>
        <CommandHint command={importCommand(importSourceLabel(source), target, message, changeLines(changesText))} />
        <div ref={statusRef} className="job-dialog-status" aria-live="polite">
          {phase.phase === 'uploading' && <UploadProgress fileName={phase.fileName} sent={phase.sent} total={phase.total} onStop={() => phase.abort.abort()} />}
          {(phase.phase === 'starting' || (phase.phase === 'importing' && !importJob)) && <Spinner size={16} />}
          {phase.phase === 'importing' && importJob && <JobProgress job={importJob} failedHeading={t('importDialog.failed')} />}
          {outcome && <ImportOutcomeView outcome={outcome} onShown={onClose} />}
        </div>
      </form>
    </Dialog>
  );
}

function ImportOutcomeView({ outcome, onShown }: { outcome: ImportOutcome; onShown(): void }) {
  const { t } = useTranslation();
  const error = outcome.kind === 'refused' ? outcome.error : outcome.job.state === 'failed' ? outcome.job.error : undefined;
  const cancelled = outcome.kind === 'refused' ? outcome.error.code === 'CANCELLED' : outcome.job.state === 'cancelled';
  if (cancelled) {
    return (
      <p className="muted" data-testid="import-cancelled">
        {t('importDialog.cancelled')}
      </p>
    );
  }
  if (outcome.kind === 'ended' && outcome.job.state === 'done') return <NewImageResult result={outcome.job.result as ImportResult} kind="import" onShown={onShown} />;
  if (!error) return null;
  const heading = outcome.kind === 'refused' && outcome.step === 'upload' ? t('importDialog.uploadFailed') : t('importDialog.failed');
  return <InlineError heading={heading} error={error} testId="import-error" />;
}
