import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { CloseIcon } from './icons';

interface DialogProps {
  title: ReactNode;
  testId: string;
  onClose(): void;
  children: ReactNode;
  footer?: ReactNode;
  size?: 'small' | 'medium' | 'large';
  /** While something irreversible is running, Esc and the close button wait for it. */
  closeDisabled?: boolean;
  /** What gets focus on opening; the first focusable element otherwise. */
  initialFocus?: RefObject<HTMLElement | null>;
  /** Extra content beside the title (a chooser, a badge). */
  headerExtra?: ReactNode;
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
}

/**
 * A modal dialog: labelled by its title, focus kept inside (Tab wraps), Esc closes, and focus goes
 * back where it was on closing. Keys are taken at the window in the capture phase, so the list's
 * shortcuts underneath never see them.
 */
export function Dialog({ title, testId, onClose, children, footer, size = 'medium', closeDisabled = false, initialFocus, headerExtra }: DialogProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  // Read while rendering: by the time effects run, a child's autoFocus has already moved the focus.
  const [previous] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  const onCloseRef = useRef(onClose);
  const closeDisabledRef = useRef(closeDisabled);
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
    closeDisabledRef.current = closeDisabled;
  });

  useEffect(() => {
    const root = ref.current;
    // The first control of the content, not the close button: that is where the user's business is.
    const body = root?.querySelector<HTMLElement>('.dialog-body');
    if (root) (initialFocus?.current ?? (body && focusables(body)[0]) ?? focusables(root)[0] ?? root).focus();
    return () => {
      if (previous?.isConnected) previous.focus({ preventScroll: true });
    };
    // Only on opening: later renders must not steal focus back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const root = ref.current;
      if (!root) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        if (!closeDisabledRef.current) onCloseRef.current();
        return;
      }
      if (event.key !== 'Tab') return;
      const items = focusables(root);
      if (items.length === 0) {
        event.preventDefault();
        root.focus();
        return;
      }
      const first = items[0]!;
      const last = items[items.length - 1]!;
      const active = document.activeElement;
      if (!root.contains(active) || (event.shiftKey && active === first) || (!event.shiftKey && active === last)) {
        event.preventDefault();
        (event.shiftKey ? last : first).focus();
      }
    };
    // Focus that escapes (a click on the backdrop, a removed button) comes back inside.
    const onFocusIn = (event: FocusEvent) => {
      const root = ref.current;
      if (root && event.target instanceof Node && !root.contains(event.target)) (focusables(root)[0] ?? root).focus();
    };
    window.addEventListener('keydown', onKeyDown, true);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      document.removeEventListener('focusin', onFocusIn);
    };
  }, []);

  return (
    <div
      className="dialog-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget && !closeDisabled) onClose();
      }}
    >
      <div ref={ref} className={`dialog dialog-${size}`} role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid={testId} tabIndex={-1}>
        <header className="dialog-header">
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          {headerExtra}
          <button type="button" className="icon-button" data-testid="dialog-close" aria-label={t('dialog.close')} title={t('dialog.close')} onClick={onClose} disabled={closeDisabled}>
            <CloseIcon />
          </button>
        </header>
        <div className="dialog-body">{children}</div>
        {footer && <footer className="dialog-footer">{footer}</footer>}
      </div>
    </div>
  );
}
