import { useTranslation } from 'react-i18next';
import { CopyButton } from './CopyButton';

interface CommandHintProps {
  command: string;
  /** `$` for a shell prompt; `#` reads as root, which none of our hints need. */
  prompt?: string;
  className?: string;
}

/** The terminal equivalent of what is on screen, so the GUI teaches the CLI. */
export function CommandHint({ command, prompt = '$', className }: CommandHintProps) {
  const { t } = useTranslation();
  return (
    <div className={`command-hint${className ? ` ${className}` : ''}`} data-testid="command-hint" role="group" aria-label={t('command.label')}>
      <span className="command-prompt" aria-hidden="true">
        {prompt}
      </span>
      <code className="command-text" data-testid="command-text">
        {command}
      </code>
      <CopyButton text={command} label={t('command.copy')} testId="command-copy" className="command-copy" />
    </div>
  );
}
