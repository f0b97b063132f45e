import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StevedoreError } from '../../../shared/errors';
import { shortId } from '../../../shared/format';
import { parseReference } from '../../../shared/reference';
import { pullCommand } from '../../../shared/registry-commands';
import { PLATFORM } from '../../../shared/platform';
import type { PrefixMirror, PullResult, TransferProgress } from '../../../shared/registry-types';
import { api } from '../../api/client';
import { toStevedoreError } from '../../api/errors';
import { CommandHint } from '../../ui/CommandHint';
import { Dialog } from '../../ui/Dialog';
import { CheckIcon } from '../../ui/icons';
import { InlineError } from '../../ui/InlineError';
import { JobProgress } from '../files/JobProgress';
import { useJob } from '../files/use-job';
import { HubSearch } from './HubSearch';
import { LoginState } from './LoginState';
import { NameProblem } from '../operations/NameProblem';
import { TransferLayers } from './TransferLayers';
import { useOneAtATime } from '../../ui/use-one-at-a-time';

/** `docker pull`: the name normalised as docker reads it before anything starts, then every layer's progress. */
export function PullDialog({ initial, onClose }: { initial: string; onClose(): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(initial);
  const [platform, setPlatform] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<StevedoreError | null>(null);
  const job = useJob(jobId);
  const oneAtATime = useOneAtATime();
  const inputRef = useRef<HTMLInputElement>(null);
  const verdict = text.trim() === '' ? null : parseReference(text.trim());
  const platformOk = platform.trim() === '' || PLATFORM.test(platform.trim());
  const running = job?.state === 'running' || (jobId !== null && job === null);
  const ref = text.trim();
  const [mirrors, setMirrors] = useState<PrefixMirror[]>([]);
  const [through, setThrough] = useState<'direct' | 'mirrors'>('direct');
  const [fallback, setFallback] = useState(true);
  useEffect(() => {
    api.call('registries.mirrors').then(
      (m) => {
        setMirrors(m.prefixMirrors);
        if (m.prefixMirrors.length > 0) setThrough('mirrors');
      },
      () => undefined,
    );
  }, []);
  // Prefix mirrors serve Docker Hub names by tag.
  const mirrorable = verdict?.ok === true && verdict.ref.domain === 'docker.io' && verdict.ref.digest === null && mirrors.length > 0;
  const via = mirrorable && through === 'mirrors' ? mirrors : [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!verdict?.ok || !platformOk || running) return;
    await oneAtATime(async () => {
      setError(null);
      try {
        const { jobId: id } = await api.call('images.pull', { ref, platform: platform.trim() || null, via, fallback });
        setJobId(id);
      } catch (err) {
        setError(toStevedoreError(err));
      }
    });
  };
  const result = job?.state === 'done' ? (job.result as PullResult) : null;
  const footer = (
    <>
      <button type="button" className="button" onClick={onClose}>
        {t(jobId ? 'dialog.close' : 'dialog.cancel')}
      </button>
      <button type="submit" form="pull-form" className="button button-primary" data-testid="pull-submit" disabled={!verdict?.ok || !platformOk || running}>
        {t('registries.pull.submit')}
      </button>
    </>
  );
  return (
    <Dialog title={t('registries.pull.title')} testId="pull-dialog" onClose={onClose} footer={footer} size="medium" initialFocus={inputRef}>
      <form id="pull-form" className="registry-form" onSubmit={(e) => void submit(e)} noValidate>
        <label className="field">
          <span className="field-label">{t('registries.pull.name')}</span>
          <input
            ref={inputRef}
            className={`text-input mono${verdict && !verdict.ok ? ' is-invalid' : ''}`}
            data-testid="pull-input"
            value={text}
            placeholder="nginx:1.27"
            spellCheck={false}
            autoComplete="off"
            autoCapitalize="off"
            aria-invalid={verdict ? !verdict.ok : false}
            onChange={(e) => {
              setText(e.target.value);
              // A new name: the last one's outcome no longer describes what is typed.
              setError(null);
              setJobId(null);
            }}
          />
        </label>
        <div className="tag-verdict" aria-live="polite">
          {verdict === null && <p className="muted">{t('registries.pull.hint')}</p>}
          {verdict && !verdict.ok && <NameProblem text={text} problem={verdict.problem} part={verdict.part ?? null} message={verdict.message} testId="pull-problem" />}
          {verdict?.ok && (
            <p className="tag-valid">
              <CheckIcon className="ok-icon" />
              <span>{t('registries.pull.normalized')}</span>{' '}
              <code className="mono" data-testid="pull-normalized">
                {verdict.ref.full}
              </code>
            </p>
          )}
        </div>
        {(verdict === null || (verdict.ok && verdict.ref.domain === 'docker.io')) && <HubSearch term={text.replace(/[:@].*$/, '')} onPick={setText} />}
        <label className="field">
          <span className="field-label">{t('registries.pull.platform')}</span>
          <input className={`text-input mono${platformOk ? '' : ' is-invalid'}`} data-testid="pull-platform" value={platform} placeholder={t('registries.pull.platformPlaceholder')} onChange={(e) => setPlatform(e.target.value)} spellCheck={false} />
        </label>
        {!platformOk && <p className="name-problem">{t('registries.pull.platformBad')}</p>}
        {mirrorable && (
          <fieldset className="pull-via" data-testid="pull-via">
            <legend className="field-label">{t('registries.pullVia.label')}</legend>
            <label className="radio">
              <input type="radio" name="pull-via" checked={through === 'direct'} onChange={() => setThrough('direct')} data-testid="pull-via-direct" /> {t('registries.pullVia.direct')}
            </label>
            <label className="radio">
              <input type="radio" name="pull-via" checked={through === 'mirrors'} onChange={() => setThrough('mirrors')} data-testid="pull-via-mirrors" /> {t('registries.pullVia.mirrors')}:{' '}
              <span className="mono">{mirrors.map((m) => m.prefix).join(' → ')}</span>
            </label>
            {through === 'mirrors' && mirrors.length > 1 && (
              <label className="checkbox">
                <input type="checkbox" checked={fallback} onChange={(e) => setFallback(e.target.checked)} data-testid="pull-fallback" /> {t('registries.pullVia.fallback')}
              </label>
            )}
          </fieldset>
        )}
        {verdict?.ok && <LoginState registry={via[0] ? via[0].prefix.split('/')[0]! : verdict.ref.domain} />}
        <CommandHint command={pullCommand(verdict?.ok ? verdict.ref.familiar : ref || 'NAME[:TAG]', platformOk ? platform.trim() || null : null, via[0]?.prefix ?? null)} />
        {error && <InlineError heading={t('registries.pull.failed')} error={error} testId="pull-error" />}
        {job && (job.state === 'running' || job.state === 'done') && <TransferLayers progress={(job.progress as TransferProgress | undefined) ?? null} />}
        {job && job.state !== 'done' && <JobProgress job={job} failedHeading={t('registries.pull.failed')} />}
        {result && (
          <p className="job-done" data-testid="pull-done" role="status">
            <CheckIcon />
            <span>
              {t(result.upToDate ? 'registries.pull.upToDate' : 'registries.pull.done', { name: result.familiar, id: shortId(result.imageId) })}
              {result.via && <span data-testid="pull-served"> {t('registries.pullVia.served', { mirror: result.via })}</span>}
              {result.attempts.length > 0 && <span className="muted"> {t('registries.pullVia.tried', { list: result.attempts.map((a) => `${a.prefix} (${a.message})`).join('; ') })}</span>}
              {result.digest && (
                <span className="pull-digest">
                  {t('registries.pull.digest')} <code className="mono">{result.digest}</code>
                </span>
              )}
            </span>
          </p>
        )}
      </form>
    </Dialog>
  );
}
