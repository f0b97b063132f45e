import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StevedoreError } from '../../../shared/errors';
import { archiveFileName, saveCommand, withArchiveExtension } from '../../../shared/file-commands';
import { checkHostPath } from '../../../shared/host-path';
import { api } from '../../api/client';
import { toStevedoreError } from '../../api/errors';
import { ARCHIVE_FILTERS, hostFiles } from '../../api/host-files';
import { useJobs } from '../../stores/jobs-store';
import { CommandHint } from '../../ui/CommandHint';
import { Dialog } from '../../ui/Dialog';
import { InlineError } from '../../ui/InlineError';
import { Spinner } from '../../ui/Spinner';
import { useToasts } from '../../ui/toast-store';
import { JobProgress } from './JobProgress';
import { useHostFolder } from './use-host-folder';
import { useJob } from './use-job';

type Target = 'download' | 'host';

/**
 * `docker save`: one or many images into one tar. The desktop app asks where with the native dialog;
 * in a browser the archive is a download, or a path on the machine the web host runs on.
 */
export function SaveDialog({ refs, onClose }: { refs: string[]; onClose(): void }) {
  const { t } = useTranslation();
  const [gzip, setGzip] = useState(false);
  const [target, setTarget] = useState<Target>(hostFiles.kind === 'web' ? 'download' : 'host');
  const folder = useHostFolder();
  // What the user typed or chose; until then a web host suggests its own Downloads folder.
  const [typed, setPath] = useState<string | null>(null);
  const path = typed ?? (hostFiles.kind === 'web' && folder ? `${folder.dir}${folder.separator}${archiveFileName(refs, gzip)}` : null);
  const [confirmReplace, setConfirmReplace] = useState(false);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<StevedoreError | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);

  const shownPath = path ?? archiveFileName(refs, gzip);
  const pathVerdict = target === 'host' && path !== null ? checkHostPath(path) : { ok: true as const };
  const command = saveCommand(refs, target === 'download' ? archiveFileName(refs, gzip) : shownPath, gzip);

  const toggleGzip = (on: boolean) => {
    setGzip(on);
    if (typed !== null) setPath(withArchiveExtension(typed, on));
  };

  const choose = async () => {
    const chosen = await hostFiles.chooseSavePath(path ?? archiveFileName(refs, gzip), ARCHIVE_FILTERS);
    if (chosen) {
      setPath(chosen);
      // The native dialog has already asked about replacing an existing file.
      setConfirmReplace(true);
    }
  };

  const start = async (overwrite: boolean) => {
    setError(null);
    setStarting(true);
    try {
      if (target === 'download') {
        await hostFiles.download({ refs, gzip });
        useToasts.getState().show('success', t('files.save.downloadStarted'));
        useJobs.getState().setOpen(true);
        onClose();
        return;
      }
      if (path === null) return;
      const { jobId: id } = await api.call('images.save', { refs, path, gzip, overwrite });
      setJobId(id);
    } catch (err) {
      setError(toStevedoreError(err));
    } finally {
      setStarting(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void start(confirmReplace);
  };

  // A refusal because the file exists turns the button into "Replace".
  const exists = error?.code === 'CONFLICT' && job === null;
  const canStart = !starting && job === null && (target === 'download' || (path !== null && pathVerdict.ok));

  const footer = (
    <>
      <button type="button" className="button" onClick={onClose} data-testid="save-close">
        {job ? t('dialog.close') : t('dialog.cancel')}
      </button>
      {job === null && (
        <button type="submit" form="save-form" className={`button ${exists ? 'button-danger' : 'button-primary'}`} data-testid="save-submit" disabled={!canStart}>
          {starting && <Spinner size={14} />}
          {exists ? t('files.save.replace') : target === 'download' ? t('files.save.download') : t('files.save.submit')}
        </button>
      )}
    </>
  );

  return (
    <Dialog title={t('files.save.title', { count: refs.length })} testId="save-dialog" onClose={onClose} footer={footer} size="medium">
      <form id="save-form" className="files-form" onSubmit={(e) => (exists ? (e.preventDefault(), void start(true)) : onSubmit(e))} noValidate>
        <div className="field">
          <span className="field-label">{t('files.save.images', { count: refs.length })}</span>
          <ul className="files-ref-list" data-testid="save-refs">
            {refs.map((r) => (
              <li key={r} className="mono">
                {r}
              </li>
            ))}
          </ul>
        </div>
        {hostFiles.kind === 'web' && (
          <fieldset className="field files-targets" disabled={job !== null}>
            <legend className="field-label">{t('files.save.where')}</legend>
            <label className="radio-card">
              <input type="radio" name="save-target" checked={target === 'download'} onChange={() => setTarget('download')} data-testid="save-target-download" />
              <span>
                <strong>{t('files.save.toDownload')}</strong>
                <span className="muted">{t('files.save.toDownloadNote')}</span>
              </span>
            </label>
            <label className="radio-card">
              <input type="radio" name="save-target" checked={target === 'host'} onChange={() => setTarget('host')} data-testid="save-target-host" />
              <span>
                <strong>{t('files.save.toHost')}</strong>
                <span className="muted">{t('files.save.toHostNote')}</span>
              </span>
            </label>
          </fieldset>
        )}
        {target === 'host' && (
          <label className="field">
            <span className="field-label">{t('files.save.path')}</span>
            <span className="files-path-row">
              <input
                className={`text-input mono${pathVerdict.ok ? '' : ' is-invalid'}`}
                data-testid="save-path"
                value={path ?? ''}
                placeholder={archiveFileName(refs, gzip)}
                readOnly={hostFiles.kind === 'desktop'}
                disabled={job !== null}
                spellCheck={false}
                aria-invalid={!pathVerdict.ok}
                onChange={(e) => {
                  setPath(e.target.value);
                  setConfirmReplace(false);
                  // The error was about the old path.
                  setError(null);
                }}
              />
              {hostFiles.kind === 'desktop' && (
                <button type="button" className="button" data-testid="save-choose" disabled={job !== null} onClick={() => void choose()}>
                  {t('files.save.choose')}
                </button>
              )}
            </span>
            {!pathVerdict.ok && <span className="field-error">{pathVerdict.message}</span>}
          </label>
        )}
        <label className="field-inline">
          <input type="checkbox" checked={gzip} disabled={job !== null} onChange={(e) => toggleGzip(e.target.checked)} data-testid="save-gzip" />
          <span>{t('files.save.gzip')}</span>
        </label>
        {/* A download is the browser's to write; only a file this host writes is renamed into place. */}
        <p className="field-note">{target === 'host' ? `${t('files.save.note')} ${t('files.save.noteAtomic')}` : t('files.save.note')}</p>
        <CommandHint command={command} />
        {error && !exists && <InlineError heading={t('files.save.failed')} error={error} testId="save-error" />}
        {exists && (
          <p className="files-warning" data-testid="save-exists" role="alert">
            {t('files.save.exists', { path: shownPath })}
          </p>
        )}
        {job && <JobProgress job={job} failedHeading={t('files.save.failed')} />}
      </form>
    </Dialog>
  );
}
