import { useEffect, useRef, useState, type MouseEvent } from 'react';
import i18next from 'i18next';
import { copyText } from './clipboard';
import { CheckIcon, CopyIcon } from './icons';
import { useToasts } from './toast-store';

interface CopyButtonProps {
  text: string;
  /** Accessible name and tooltip. */
  label: string;
  testId?: string;
  className?: string;
  /** A labelled button ("Copy JSON") instead of a bare icon. */
  showText?: string;
}

/** Copies and confirms in place; a refused clipboard becomes an error toast rather than silence. */
export function CopyButton({ text, label, testId, className, showText }: CopyButtonProps) {
  // The global t, not useTranslation(): this button sits in every list row, and its label comes from
  // the parent, which re-renders on a language change anyway.
  const t = i18next.t;
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const onClick = async (event: MouseEvent) => {
    // Rows underneath treat clicks as selection; copying is not selecting.
    event.stopPropagation();
    const ok = await copyText(text);
    if (!ok) {
      useToasts.getState().show('error', t('command.copyFailed'));
      return;
    }
    setCopied(true);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied(false), 1500);
  };

  return (
    <button
      type="button"
      className={`${showText === undefined ? 'icon-button' : 'button button-small'} copy-button${copied ? ' is-copied' : ''}${className ? ` ${className}` : ''}`}
      title={copied ? t('copy.copied') : label}
      aria-label={label}
      data-testid={testId}
      data-copied={copied ? 'true' : 'false'}
      onClick={(e) => void onClick(e)}
      onDoubleClick={(e) => e.stopPropagation()}
    >
      {copied ? <CheckIcon /> : <CopyIcon />}
      {showText !== undefined && <span>{copied ? t('command.copied') : showText}</span>}
      <span className="visually-hidden" aria-live="polite">
        {copied ? t('copy.copied') : ''}
      </span>
    </button>
  );
}
