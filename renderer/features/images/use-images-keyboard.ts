import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import type { ImageRow } from '../../../shared/image-types';
import { useDetails } from '../../stores/details-store';
import { useImagesView } from '../../stores/images-view-store';
import { inOwnKeysRegion, isActivatable, isEditable, isMac, modalOpen } from '../../ui/keyboard';
import { rowsToRemove } from '../operations/bulk';
import { openRemoveRows, openTag } from '../operations/open-operations';
import type { MoveKey } from './selection';
import { ROW_HEIGHT } from './grid-geometry';

const MOVE_KEYS = new Set<string>(['ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

interface KeyboardTargets {
  rows: ImageRow[];
  filterRef: RefObject<HTMLInputElement | null>;
  tableRef: RefObject<HTMLDivElement | null>;
}

/**
 * The list's shortcuts: arrows move, Enter opens, `/` filters, Esc clears or closes, Delete removes
 * (after a confirmation), `t` tags. Listens on the window so they work wherever focus rests, except
 * where an element needs the keys itself or a dialog is open.
 */
export function useImagesKeyboard({ rows, filterRef, tableRef }: KeyboardTargets): void {
  // Handlers read the latest rows without being re-created for every list change.
  const rowsRef = useRef(rows);
  useLayoutEffect(() => {
    rowsRef.current = rows;
  }, [rows]);

  useEffect(() => {
    const focusTable = () => tableRef.current?.focus({ preventScroll: true });

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || event.altKey || modalOpen()) return;
      const view = useImagesView.getState();
      const details = useDetails.getState();
      const target = event.target;
      const order = rowsRef.current.map((r) => r.key);

      if (target === filterRef.current) {
        if (event.key === 'Escape') {
          event.preventDefault();
          if (view.filterText) view.setFilterText('');
          else focusTable();
        } else if (event.key === 'ArrowDown') {
          event.preventDefault();
          focusTable();
          view.move('ArrowDown', order, 1, { extend: false, cursorOnly: false });
        }
        return;
      }
      if (event.key === 'Escape') {
        if (details.row) {
          event.preventDefault();
          details.close();
          focusTable();
        } else if (!isEditable(target) && view.selection.selected.size > 0) {
          event.preventDefault();
          view.clearSelection();
        }
        return;
      }
      if (isEditable(target)) return;

      if (event.key === '/' && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        filterRef.current?.focus();
        filterRef.current?.select();
        return;
      }
      if (inOwnKeysRegion(target)) return;

      if (MOVE_KEYS.has(event.key)) {
        event.preventDefault();
        const pageSize = Math.max(1, Math.floor((tableRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 2);
        view.move(event.key as MoveKey, order, pageSize, { extend: event.shiftKey, cursorOnly: event.ctrlKey || event.metaKey });
        focusTable();
      } else if (event.key === 'Enter' && !isActivatable(target)) {
        const focused = rowsRef.current.find((r) => r.key === view.selection.focused);
        if (focused) {
          event.preventDefault();
          details.open(focused);
        }
      } else if (event.key === 'Delete' || (isMac && event.key === 'Backspace' && event.metaKey)) {
        const chosen = rowsToRemove(rowsRef.current, view.selection.selected, view.selection.focused);
        if (chosen.length > 0) {
          event.preventDefault();
          openRemoveRows(chosen);
        }
      } else if (event.key === 't' && !event.ctrlKey && !event.metaKey) {
        const focused = rowsRef.current.find((r) => r.key === view.selection.focused);
        if (focused) {
          event.preventDefault();
          openTag(focused);
        }
      } else if (event.key.toLowerCase() === 'a' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        view.selectAll(order);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [filterRef, tableRef]);
}
