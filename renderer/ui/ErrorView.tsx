import { useTranslation } from 'react-i18next';
import type { StevedoreError } from '../../shared/errors';
import { describeError } from '../i18n/describe-error';
import { AlertIcon, RefreshIcon } from './icons';

interface ErrorViewProps {
  heading: string;
  error: StevedoreError;
  onRetry?: () => void;
  retryLabel?: string;
  testId?: string;
}

export function ErrorView({ heading, error, onRetry, retryLabel, testId }: ErrorViewProps) {
  const { t, i18n } = useTranslation();
  const text = describeError(i18n, error);
  return (
    <div className="state-view state-error" data-testid={testId} data-error-code={error.code} role="alert">
      <div className="state-icon state-icon-error">
        <AlertIcon size={22} />
      </div>
      <h2 className="state-title">{heading}</h2>
      <p className="state-body">{text.title}</p>
      {text.hint && <p className="state-hint">{text.hint}</p>}
      {text.technical && (
        <details className="technical">
          <summary>{t('errors.technical')}</summary>
          <pre>{text.technical}</pre>
        </details>
      )}
      {onRetry && (
        <button type="button" className="button button-primary" onClick={onRetry}>
          <RefreshIcon />
          {retryLabel ?? t('images.retry')}
        </button>
      )}
    </div>
  );
}
