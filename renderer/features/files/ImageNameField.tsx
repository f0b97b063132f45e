import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { shortId } from '../../../shared/format';
import { useImages } from '../../stores/images-store';
import { CheckIcon } from '../../ui/icons';
import { tagMoveEffect, type TagInputState } from '../operations/tag-form';
import { NameProblem } from '../operations/NameProblem';

interface ImageNameFieldProps {
  value: string;
  /** checkTagInput(value), computed by the dialog that also sends it. */
  verdict: TagInputState;
  onChange(value: string): void;
  disabled?: boolean;
  testId: string;
}

/**
 * The optional `name[:tag]` of an image a commit or import makes, checked against Docker's reference
 * grammar on every keystroke, the way the tag dialog does. Empty is fine: the image is then untagged.
 */
export function ImageNameField({ value, verdict, onChange, disabled, testId }: ImageNameFieldProps) {
  const { t } = useTranslation();
  const problemId = useId();
  // Docker moves a name without asking: say so before the user commits to it.
  const summaries = useImages((s) => s.summaries);
  const holder = verdict.state === 'valid' ? tagMoveEffect(summaries, '', verdict.familiar) : null;
  return (
    <>
      <label className="field">
        <span className="field-label">{t('importDialog.nameField.label')}</span>
        <input
          className={`text-input mono${verdict.state === 'invalid' ? ' is-invalid' : ''}`}
          data-testid={testId}
          value={value}
          placeholder={t('importDialog.nameField.placeholder')}
          spellCheck={false}
          autoComplete="off"
          autoCapitalize="off"
          disabled={disabled}
          aria-invalid={verdict.state === 'invalid'}
          aria-describedby={problemId}
          onChange={(e) => onChange(e.target.value)}
        />
      </label>
      <div id={problemId} className="tag-verdict name-verdict" aria-live="polite">
        {verdict.state === 'empty' && <p className="muted">{t('importDialog.nameField.empty')}</p>}
        {verdict.state === 'invalid' && (
          <NameProblem text={value} problem={verdict.problem} part={verdict.part} message={verdict.message} testId={`${testId}-problem`} />
        )}
        {verdict.state === 'valid' && (
          <>
            <p className="tag-valid">
              <CheckIcon className="ok-icon" />
              <span>{t('importDialog.nameField.normalized')}</span>{' '}
              <code className="mono" data-testid={`${testId}-normalized`}>
                {verdict.full}
              </code>
            </p>
            {/* Once the job has started the warning has done its work: after it, the name is this image's. */}
            {holder?.kind === 'moves' && !disabled && (
              <p className="job-dialog-moves" data-testid={`${testId}-moves`}>
                {t('importDialog.nameField.moves', { name: verdict.familiar, from: shortId(holder.from) })}
              </p>
            )}
          </>
        )}
      </div>
    </>
  );
}
