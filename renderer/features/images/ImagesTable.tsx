import { useEffect, useLayoutEffect, useMemo, useRef, type MouseEvent, type RefObject } from 'react';
import { getCoreRowModel, useReactTable, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { cachedTranslator } from '../../i18n/cached-t';
import { SortIcon } from '../../ui/icons';
import { imageColumns } from './columns';
import { HEADER_HEIGHT, offsetShowing, ROW_HEIGHT } from './grid-geometry';
import type { ViewRow } from './image-view';
import { ImageRowView, type RowActionLabels } from './ImageRowView';
import type { SelectionState } from './selection';
import type { SortColumn, SortState } from './sort';
import { useRowsInPlace } from './use-rows-in-place';

interface ImagesTableProps {
  /** Already filtered and sorted: the table only draws. */
  rows: ViewRow[];
  /** Bumped when the engine's list changed (not the filter or sort): the rows in view then keep their place. */
  listVersion: number;
  sort: SortState;
  selection: SelectionState;
  scrollRef: RefObject<HTMLDivElement | null>;
  onSortBy(column: SortColumn): void;
  onRowClick(key: string, mods: { toggle: boolean; range: boolean }): void;
  /** The header checkbox: every row shown, or none. */
  onSelectAll(select: boolean): void;
  onRowOpen(key: string): void;
  onRowAction(key: string, action: RowAction): void;
}

export type RowAction = 'tag' | 'untag' | 'remove';
const ROW_ACTIONS: readonly string[] = ['tag', 'untag', 'remove'] satisfies RowAction[];

/** Rows drawn beyond either edge of the view. */
const OVERSCAN = 6;

/**
 * How many row elements the table keeps: as many as the view can show at once, overscan included.
 * Row `i` is drawn in element `i % slots`, and elements stay in slot order (rows are placed by
 * transform), so a held PageDown or End refills the same elements with text instead of removing
 * and building rows with their icons, and no element ever moves in the DOM (a moved element is laid
 * out afresh). Assistive technology reads the order from each row's aria-rowindex.
 */
function rowSlots(drawn: number, viewportHeight: number): number {
  return Math.max(drawn, Math.ceil(viewportHeight / ROW_HEIGHT) + 2 * OVERSCAN + 2);
}

const ariaSort = (dir: false | 'asc' | 'desc') => (dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none');

export function ImagesTable({ rows, listVersion, sort, selection, scrollRef, onSortBy, onRowClick, onSelectAll, onRowOpen, onRowAction }: ImagesTableProps) {
  const { t, i18n } = useTranslation();
  const sorting = useMemo<SortingState>(() => [{ id: sort.column, desc: sort.desc }], [sort]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // Six rows either side cover a wheel notch; twelve cost held PageDown twice as many slow frames.
    overscan: OVERSCAN,
    // The sticky header sits inside the scroll container, above the rows.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    getItemKey: (index) => rows[index]?.key ?? index,
    // The first render draws a window's worth of rows at once instead of none until measured: on a
    // big host that render is what the first row waits for.
    initialRect: { width: window.innerWidth, height: window.innerHeight },
  });
  const items = virtualizer.getVirtualItems();
  const slots = rowSlots(items.length, virtualizer.scrollRect?.height ?? window.innerHeight);
  const drawn = [...items].sort((a, b) => (a.index % slots) - (b.index % slots));
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;
  // The table models only the rows on screen: building a row model for all 5,000 rows on every
  // keystroke cost more than the frame.
  const onScreen = useMemo(() => rows.slice(first, last + 1), [rows, first, last]);
  const table = useReactTable({
    data: onScreen,
    columns: imageColumns,
    state: { sorting },
    // Sorting happens before the table (pure, tested comparators with stable tie-breaks).
    manualSorting: true,
    enableSortingRemoval: false,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.key,
    meta: useMemo(() => ({ t: cachedTranslator(t), language: i18n.language }), [t, i18n.language]),
  });
  const tableRows = table.getRowModel().rows;

  useRowsInPlace(scrollRef, rows, listVersion, virtualizer.scrollOffset ?? 0);

  // Follow the keyboard cursor, but not every refetch: scroll only when the focused key changes.
  const rowsRef = useRef(rows);
  useLayoutEffect(() => {
    rowsRef.current = rows;
  }, [rows]);
  // Rows have one fixed height, so the offset is arithmetic: the virtualizer's own scrollToIndex
  // reads the scroll height back (a forced layout per key press, the cost of a frame when PageDown is held).
  useEffect(() => {
    const el = scrollRef.current;
    if (selection.focused === null || !el) return;
    const index = rowsRef.current.findIndex((r) => r.key === selection.focused);
    if (index < 0) return;
    const target = offsetShowing(index, virtualizer.scrollOffset ?? el.scrollTop, virtualizer.scrollRect?.height ?? el.clientHeight);
    if (target !== null) el.scrollTop = target;
  }, [selection.focused, virtualizer, scrollRef]);

  const rowKeyAt = (event: MouseEvent) => (event.target as HTMLElement).closest<HTMLElement>('[data-row-key]')?.dataset.rowKey;
  const onClick = (event: MouseEvent) => {
    const key = rowKeyAt(event);
    if (!key) return;
    const action = (event.target as HTMLElement).closest<HTMLElement>('[data-action]')?.dataset.action;
    if (action === 'open') {
      onRowOpen(key);
      return;
    }
    if (action && ROW_ACTIONS.includes(action)) {
      onRowAction(key, action as RowAction);
      return;
    }
    // The checkbox adds or takes away one row, as Ctrl-click does (Shift still extends a range).
    if (action === 'select') {
      onRowClick(key, { toggle: !event.shiftKey, range: event.shiftKey });
      return;
    }
    onRowClick(key, { toggle: event.ctrlKey || event.metaKey, range: event.shiftKey });
  };
  const onDoubleClick = (event: MouseEvent) => {
    const key = rowKeyAt(event);
    if (key && !(event.target as HTMLElement).closest('button')) onRowOpen(key);
  };
  // Shift+click would otherwise select the text between the two rows.
  const onMouseDown = (event: MouseEvent) => {
    if (event.shiftKey && rowKeyAt(event)) event.preventDefault();
  };

  const detailsLabel = t('images.openDetails');
  const actionLabels = useMemo<RowActionLabels>(() => ({ tag: t('actions.tag'), untag: t('actions.untag'), remove: t('actions.remove'), select: t('images.selectRowShort') }), [t]);
  const headerGroup = table.getHeaderGroups()[0];
  const selectedShown = useMemo(() => rows.reduce((n, r) => n + (selection.selected.has(r.key) ? 1 : 0), 0), [rows, selection.selected]);
  const allShown = rows.length > 0 && selectedShown === rows.length;
  // The header does not change while the list scrolls, and scrolling re-renders this table per frame.
  const header = useMemo(
    () => (
      <div className="grid-header" role="row" aria-rowindex={1}>
        <div className="grid-cell grid-head col-select" role="columnheader">
          <input
            type="checkbox"
            className="row-check"
            data-testid="select-all-rows"
            aria-label={t('images.selectAllRows')}
            title={t('images.selectAllRows')}
            checked={allShown}
            ref={(el) => {
              if (el) el.indeterminate = selectedShown > 0 && !allShown;
            }}
            onChange={() => onSelectAll(!allShown)}
          />
        </div>
        {headerGroup?.headers.map((header) => {
          const meta = header.column.columnDef.meta;
          const direction = header.column.getIsSorted();
          const label = meta ? t(meta.labelKey) : header.id;
          if (meta?.sortable === false) {
            return (
              <div key={header.id} role="columnheader" className={`grid-cell grid-head ${meta.className}`} data-testid={meta.testId}>
                <span className="head-label">{label}</span>
              </div>
            );
          }
          return (
            <div key={header.id} role="columnheader" aria-sort={ariaSort(direction)} className={`grid-cell grid-head ${meta?.className ?? ''}${direction ? ' is-sorted' : ''}`} data-testid={meta?.testId}>
              <button type="button" className="head-button" title={[t('images.sortBy', { column: label }), meta?.explainKey ? t(meta.explainKey) : null].filter(Boolean).join('\n\n')} onClick={() => onSortBy(header.id as SortColumn)}>
                <span>{label}</span>
                <SortIcon sorted={direction} size={12} />
              </button>
            </div>
          );
        })}
        <div className="grid-cell grid-head col-actions" role="columnheader" aria-label={t('images.columnActions')} />
        <div className="grid-cell grid-head col-open" role="columnheader" aria-label={detailsLabel} />
      </div>
    ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- headerGroup follows sort and columns, both listed
    [sort, t, allShown, selectedShown, onSortBy, onSelectAll],
  );
  return (
    <div
      ref={scrollRef}
      className="grid-scroll"
      data-testid="images-table"
      role="grid"
      aria-label={t('images.tableLabel')}
      aria-rowcount={rows.length + 1}
      aria-multiselectable="true"
      tabIndex={0}
      onClick={onClick}
      onDoubleClick={onDoubleClick}
      onMouseDown={onMouseDown}
    >
      {header}
      <div className="grid-body" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
        {drawn.map((item) => {
          const row = tableRows[item.index - first];
          if (!row) return null;
          return (
            <ImageRowView
              // Keyed by slot, not by image: a filter keystroke or a page jump fills the elements already
              // on screen with other rows instead of removing and building dozens (see rowSlots).
              key={item.index % slots}
              row={row}
              index={item.index}
              top={item.start - HEADER_HEIGHT}
              selected={selection.selected.has(row.id)}
              focused={selection.focused === row.id}
              detailsLabel={detailsLabel}
              actionLabels={actionLabels}
            />
          );
        })}
      </div>
    </div>
  );
}
