import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StevedoreError } from '../../../shared/errors';
import { tagAndPushCommand } from '../../../shared/registry-commands';
import type { PushResult, TransferProgress } from '../../../shared/registry-types';
import { api } from '../../api/client';
import { toStevedoreError } from '../../api/errors';
import { CommandHint } from '../../ui/CommandHint';
import { CopyButton } from '../../ui/CopyButton';
import { Dialog } from '../../ui/Dialog';
import { CheckIcon } from '../../ui/icons';
import { InlineError } from '../../ui/InlineError';
import { JobProgress } from '../files/JobProgress';
import { useJob } from '../files/use-job';
import { NameProblem } from '../operations/NameProblem';
import { checkTagInput } from '../operations/tag-form';
import { parseTagTarget } from '../../../shared/reference';
import { LoginState } from './LoginState';
import { TransferLayers } from './TransferLayers';
import { useOneAtATime } from '../../ui/use-one-at-a-time';

/**
 * `docker push`: to the name the image has, or to a new one (tagged first, in the same flow, as
 * `docker tag … && docker push …`), with the registry's login shown and every layer's progress.
 */
export function PushDialog({ source, onClose }: { source: string; onClose(): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(source.includes(':') || source.includes('/') ? source : '');
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<StevedoreError | null>(null);
  const job = useJob(jobId);
  const oneAtATime = useOneAtATime();
  const inputRef = useRef<HTMLInputElement>(null);
  const verdict = checkTagInput(text);
  const parsed = verdict.state === 'valid' ? parseTagTarget(verdict.target) : null;
  const registry = parsed?.ok ? parsed.ref.domain : null;
  const running = job?.state === 'running' || (jobId !== null && job === null);
  const target = verdict.state === 'valid' ? verdict.target : text.trim();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (verdict.state !== 'valid' || running) return;
    await oneAtATime(async () => {
      setError(null);
      try {
        if (verdict.target !== source) await api.call('images.tag', { source, target: verdict.target });
        const { jobId: id } = await api.call('images.push', { ref: verdict.target });
        setJobId(id);
      } catch (err) {
        setError(toStevedoreError(err));
      }
    });
  };
  const result = job?.state === 'done' ? (job.result as PushResult) : null;
  const footer = (
    <>
      <button type="button" className="button" onClick={onClose}>
        {t(jobId ? 'dialog.close' : 'dialog.cancel')}
      </button>
      {/* Pushed: the dialog's work is done, and Close is what is left to do. */}
      {job?.state !== 'done' && (
        <button type="submit" form="push-form" className="button button-primary" data-testid="push-submit" disabled={verdict.state !== 'valid' || running}>
          {verdict.state === 'valid' && verdict.target !== source ? t('registries.push.tagAndSubmit') : t('registries.push.submit')}
        </button>
      )}
    </>
  );
  return (
    <Dialog title={t('registries.push.title')} testId="push-dialog" onClose={onClose} footer={footer} size="medium" initialFocus={inputRef}>
      <form id="push-form" className="registry-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <span className="field-label">{t('registries.push.source')}</span>
          <span className="mono source-ref">{source}</span>
        </div>
        <label className="field">
          <span className="field-label">{t('registries.push.target')}</span>
          <input
            ref={inputRef}
            className={`text-input mono${verdict.state === 'invalid' ? ' is-invalid' : ''}`}
            data-testid="push-input"
            value={text}
            placeholder="registry.example.com:5000/team/app:1.0"
            spellCheck={false}
            autoComplete="off"
            autoCapitalize="off"
            aria-invalid={verdict.state === 'invalid'}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <div className="tag-verdict" aria-live="polite">
          {verdict.state === 'empty' && <p className="muted">{t('registries.push.hint')}</p>}
          {verdict.state === 'invalid' && <NameProblem text={text} problem={verdict.problem} part={verdict.part} message={verdict.message} testId="push-problem" />}
          {verdict.state === 'valid' && (
            <p className="tag-valid">
              <CheckIcon className="ok-icon" />
              <span>{t('registries.push.normalized')}</span>{' '}
              <code className="mono" data-testid="push-normalized">
                {verdict.full}
              </code>
            </p>
          )}
        </div>
        {registry && <LoginState registry={registry} />}
        <CommandHint command={tagAndPushCommand(source, target || 'NAME:TAG')} />
        {error && <InlineError heading={t('registries.push.failed')} error={error} testId="push-error" />}
        {job && (job.state === 'running' || job.state === 'done') && <TransferLayers progress={(job.progress as TransferProgress | undefined) ?? null} />}
        {job && job.state !== 'done' && <JobProgress job={job} failedHeading={t('registries.push.failed')} />}
        {result && (
          <div className="job-done" data-testid="push-done" role="status">
            <CheckIcon />
            <div>
              <p>{t('registries.push.done', { name: target, pushed: result.pushed, reused: result.reused })}</p>
              {result.digest && (
                <p className="push-digest">
                  <code className="mono" data-testid="push-digest">
                    {result.digest}
                  </code>
                  <CopyButton text={`${parsed?.ok ? parsed.ref.familiarName : target}@${result.digest}`} label={t('registries.push.copyDigest')} testId="push-digest-copy" />
                </p>
              )}
            </div>
          </div>
        )}
      </form>
    </Dialog>
  );
}
