import { useTranslation } from 'react-i18next';
import type { StevedoreError } from '../../shared/errors';
import { describeError } from '../i18n/describe-error';
import { AlertIcon, RefreshIcon } from './icons';

interface InlineErrorProps {
  heading: string;
  error: StevedoreError;
  onRetry?: () => void;
  testId?: string;
}

/** A backend error inside a dialog or section: what failed, the backend's message and hint, the raw detail folded away. */
export function InlineError({ heading, error, onRetry, testId }: InlineErrorProps) {
  const { t, i18n } = useTranslation();
  const text = describeError(i18n, error);
  return (
    <div className="inline-error" role="alert" data-testid={testId ?? 'inline-error'} data-error-code={error.code}>
      <AlertIcon className="inline-error-icon" />
      <div className="inline-error-text">
        <strong>{heading}</strong>
        <p>{text.title}</p>
        {text.hint && <p className="inline-error-hint">{text.hint}</p>}
        {text.technical && (
          <details className="technical">
            <summary>{t('errors.technical')}</summary>
            <pre>{text.technical}</pre>
          </details>
        )}
      </div>
      {onRetry && (
        <button type="button" className="button button-small" onClick={onRetry}>
          <RefreshIcon size={14} />
          {t('images.retry')}
        </button>
      )}
    </div>
  );
}
