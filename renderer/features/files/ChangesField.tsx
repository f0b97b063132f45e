import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANGE_INSTRUCTIONS, MAX_CHANGES } from '../../../shared/image-changes';
import { lead } from '../../i18n/lead';
import type { ChangesCheck } from './change-problems';

interface ChangesFieldProps {
  value: string;
  /** checkChangesText(value), computed by the dialog that also sends the lines. */
  check: ChangesCheck;
  onChange(value: string): void;
  disabled?: boolean;
  testId: string;
}

const INSTRUCTIONS = CHANGE_INSTRUCTIONS.join(', ');

/** The `-c` lines of docker commit and docker import, one instruction a line, checked as typed. */
export function ChangesField({ value, check, onChange, disabled, testId }: ChangesFieldProps) {
  const { t } = useTranslation();
  const noteId = useId();
  return (
    <label className="field">
      <span className="field-label">{t('importDialog.changesField.label')}</span>
      <textarea
        className={`text-input mono changes-input${check.ok ? '' : ' is-invalid'}`}
        data-testid={testId}
        value={value}
        rows={3}
        placeholder={'CMD ["/bin/sh"]\nENV PATH=/usr/local/bin:/usr/bin:/bin'}
        spellCheck={false}
        autoComplete="off"
        autoCapitalize="off"
        disabled={disabled}
        aria-invalid={!check.ok}
        aria-describedby={noteId}
        onChange={(e) => onChange(e.target.value)}
      />
      <span id={noteId} aria-live="polite">
        {check.ok ? (
          <span className="field-note">{t('importDialog.changesField.note', { instructions: INSTRUCTIONS })}</span>
        ) : (
          <span className="field-error" data-testid={`${testId}-problem`} data-line={check.line} data-problem={check.problem}>
            {lead(t('importDialog.changesField.line', { line: check.line }))}
            {check.problem === 'other'
              ? check.message
              : t(`importDialog.changesField.problems.${check.problem}`, { instruction: check.instruction ?? '', instructions: INSTRUCTIONS, max: MAX_CHANGES })}
          </span>
        )}
      </span>
    </label>
  );
}
