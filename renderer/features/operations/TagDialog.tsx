import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { shortId } from '../../../shared/format';
import { useTag, type TagSource } from '../../stores/tag-store';
import { CommandHint } from '../../ui/CommandHint';
import { Dialog } from '../../ui/Dialog';
import { AlertIcon, CheckIcon } from '../../ui/icons';
import { useImages } from '../../stores/images-store';
import { useContainers } from '../../stores/containers-store';
import { InlineError } from '../../ui/InlineError';
import { Spinner } from '../../ui/Spinner';
import { useToasts } from '../../ui/toast-store';
import { checkTagInput, tagCommand, tagMoveEffect } from './tag-form';
import { lead, listOf } from '../../i18n/lead';
import { NameProblem } from './NameProblem';

/** `docker tag SOURCE TARGET`, checked against Docker's reference grammar on every keystroke. */
export function TagDialog() {
  const source = useTag((s) => s.source);
  if (!source) return null;
  // Keyed by image so a new source starts with an empty field.
  return <TagForm key={`${source.imageId}|${source.ref}`} source={source} />;
}

function TagForm({ source }: { source: TagSource }) {
  const { t, i18n } = useTranslation();
  const submitting = useTag((s) => s.submitting);
  const error = useTag((s) => s.error);
  const [text, setText] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const verdict = checkTagInput(text);
  const summaries = useImages((s) => s.summaries);
  const move = verdict.state === 'valid' ? tagMoveEffect(summaries, source.imageId, verdict.familiar) : null;
  // A container keeps an untagged image from being pruned: the warning must not say prune takes it.
  const fromInUse = useContainers((st) => (move?.kind === 'moves' ? (st.list ?? []).some((c) => c.imageId === move.from) : false));
  const problemId = 'tag-problem-text';

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (verdict.state !== 'valid') return;
    const done = await useTag.getState().submit(verdict.target);
    if (!done) return;
    const message =
      move?.kind === 'moves'
        ? t(move.becomesUntagged ? 'tagDialog.doneMovedUntagged' : 'tagDialog.doneMoved', { target: done.target, from: shortId(move.from) })
        : t('tagDialog.done', { source: source.ref, target: done.target });
    useToasts.getState().show('success', message);
  };

  const footer = (
    <>
      <button type="button" className="button" onClick={() => useTag.getState().close()}>
        {t('dialog.cancel')}
      </button>
      <button type="submit" form="tag-form" className="button button-primary" data-testid="tag-submit" disabled={verdict.state !== 'valid' || submitting}>
        {submitting && <Spinner size={14} />}
        {move?.kind === 'moves' ? t('tagDialog.submitMove') : t('tagDialog.submit')}
      </button>
    </>
  );

  return (
    <Dialog title={t('tagDialog.title')} testId="tag-dialog" onClose={() => useTag.getState().close()} footer={footer} size="small" initialFocus={inputRef} closeDisabled={submitting}>
      <form id="tag-form" className="tag-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="field">
          <span className="field-label">{t('tagDialog.source')}</span>
          <span className="mono source-ref">
            {source.ref}
            {source.ref !== shortId(source.imageId) && <span className="muted"> · {shortId(source.imageId)}</span>}
          </span>
        </div>
        <label className="field">
          <span className="field-label">{t('tagDialog.target')}</span>
          <input
            ref={inputRef}
            className={`text-input mono${verdict.state === 'invalid' ? ' is-invalid' : ''}`}
            data-testid="tag-input"
            value={text}
            placeholder={t('tagDialog.placeholder')}
            spellCheck={false}
            autoComplete="off"
            autoCapitalize="off"
            aria-invalid={verdict.state === 'invalid'}
            aria-describedby={problemId}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <div id={problemId} className="tag-verdict" aria-live="polite">
          {verdict.state === 'empty' && <p className="muted">{t('tagDialog.hint')}</p>}
          {verdict.state === 'invalid' && (
            <NameProblem text={text} problem={verdict.problem} part={verdict.part} message={verdict.message} testId="tag-problem" />
          )}
          {verdict.state === 'valid' && (
            <p className="tag-valid">
              <CheckIcon className="ok-icon" />
              <span>{t('tagDialog.normalized')}</span>{' '}
              <code className="mono" data-testid="tag-normalized">
                {verdict.full}
              </code>
            </p>
          )}
        </div>
        {move?.kind === 'moves' && (
          <div className="tag-move" data-testid="tag-move" data-from={move.from} data-becomes-untagged={move.becomesUntagged ? 'true' : 'false'} role="note">
            <AlertIcon />
            <p>
              {lead(t('tagDialog.moveWarning', { name: verdict.state === 'valid' ? verdict.familiar : '', from: shortId(move.from) }))}
              {move.becomesUntagged ? <strong>{t(fromInUse ? 'tagDialog.moveBecomesUntaggedInUse' : 'tagDialog.moveBecomesUntagged', { from: shortId(move.from) })}</strong> : t('tagDialog.moveKeepsTags', { from: shortId(move.from), tags: listOf(move.otherTags, i18n.language) })}
            </p>
          </div>
        )}
        {move?.kind === 'same-image' && (
          <p className="muted" data-testid="tag-same-image">
            {t('tagDialog.sameImage')}
          </p>
        )}
        <CommandHint command={tagCommand(source.ref, verdict.state === 'valid' ? verdict.target : text)} />
        {error && <InlineError heading={t('tagDialog.failed')} error={error} testId="tag-error" />}
      </form>
    </Dialog>
  );
}
