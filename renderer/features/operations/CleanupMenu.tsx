import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageRow } from '../../../shared/image-types';
import { rowReference } from '../../../shared/image-rows';
import { BroomIcon, ChevronDownIcon } from '../../ui/icons';
import { repositoriesOf } from './bulk';
import { openRemoveDangling, openRemoveRelative, openRemoveRepository } from './open-operations';

interface CleanupMenuProps {
  rows: readonly ImageRow[];
  /** The image under the cursor: the default repository, and the anchor for before/since. */
  anchor: ImageRow | null;
}

function AnchorNote({ anchorRef }: { anchorRef: string }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="mono">{anchorRef}</span> — {t('cleanup.fromSelectedRow')}
    </>
  );
}

/** Bulk removal, each through the same preview-and-confirm dialog as a single removal. */
export function CleanupMenu({ rows, anchor }: CleanupMenuProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const repositories = useMemo(() => repositoriesOf(rows), [rows]);
  const anchorRef = anchor ? rowReference(anchor) : null;
  // Every item says which image or repository it will use: the selected row's, or what happens without one.
  const fromAnchor = anchor !== null && anchor.tag !== '<none>' && repositories.includes(anchor.repository);
  // Without a selected row nothing is suggested: a bulk removal starts from the user's own choice.
  const repository = fromAnchor ? anchor.repository : null;

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]:not([disabled])')?.focus();
    const onDown = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const choose = (action: () => void) => {
    setOpen(false);
    action();
  };

  const onMenuKey = (event: KeyboardEvent) => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (step !== undefined) {
      event.preventDefault();
      items[(index + step + items.length) % items.length]?.focus();
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      items[event.key === 'Home' ? 0 : items.length - 1]?.focus();
    } else if (event.key === 'Escape') {
      // Handled here, so the list underneath does not also close the details panel.
      event.preventDefault();
      setOpen(false);
      buttonRef.current?.focus();
    } else if (event.key === 'Tab') {
      setOpen(false);
    }
  };

  return (
    <div className="menu-anchor" data-own-keys>
      <button
        ref={buttonRef}
        type="button"
        className="button"
        data-testid="cleanup-menu"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        title={t('cleanup.title')}
      >
        <BroomIcon />
        <span>{t('cleanup.button')}</span>
        <ChevronDownIcon size={12} />
      </button>
      {open && (
        <div ref={menuRef} className="menu" role="menu" aria-label={t('cleanup.title')} onKeyDown={onMenuKey}>
          <button type="button" role="menuitem" className="menu-item" data-testid="cleanup-repository" disabled={repositories.length === 0} onClick={() => choose(() => openRemoveRepository(repository))}>
            <span>{t('cleanup.repository')}</span>
            <span className="menu-note">
              {repositories.length === 0 ? (
                t('cleanup.noRepository')
              ) : repository ? (
                <>
                  <span className="mono">{repository}</span> — {t('cleanup.fromSelectedRow')}
                </>
              ) : (
                t('cleanup.chooseNext')
              )}
            </span>
          </button>
          <button type="button" role="menuitem" className="menu-item" data-testid="cleanup-dangling" onClick={() => choose(openRemoveDangling)}>
            <span>{t('cleanup.dangling')}</span>
            <span className="menu-note mono">docker images -f dangling=true</span>
          </button>
          <div className="menu-separator" role="separator" />
          <button type="button" role="menuitem" className="menu-item" data-testid="cleanup-before" disabled={!anchor} onClick={() => choose(() => anchor && openRemoveRelative('before', anchor))}>
            <span>{t('cleanup.before')}</span>
            <span className="menu-note">{anchorRef ? <AnchorNote anchorRef={anchorRef} /> : t('cleanup.needAnchor')}</span>
          </button>
          <button type="button" role="menuitem" className="menu-item" data-testid="cleanup-since" disabled={!anchor} onClick={() => choose(() => anchor && openRemoveRelative('since', anchor))}>
            <span>{t('cleanup.since')}</span>
            <span className="menu-note">{anchorRef ? <AnchorNote anchorRef={anchorRef} /> : t('cleanup.needAnchor')}</span>
          </button>
        </div>
      )}
    </div>
  );
}
