import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { rowReference } from '../../../shared/image-rows';
import { useDetails } from '../../stores/details-store';
import { useImages } from '../../stores/images-store';
import { useImagesView } from '../../stores/images-view-store';
import { CommandHint } from '../../ui/CommandHint';
import { ErrorView } from '../../ui/ErrorView';
import { OperationsToolbar } from '../operations/OperationsToolbar';
import { openRemoveRows, openTag, openUntag } from '../operations/open-operations';
import { imagesListCommand } from './docker-commands';
import { parseQuery } from '../../../shared/list-filters';
import { ImagesEmpty, ImagesLoading, ImagesNoMatch } from './ImagesStates';
import { ImagesTable, type RowAction } from './ImagesTable';
import { ImagesToolbar } from './ImagesToolbar';
import { useImageView } from './use-image-view';
import { useImagesKeyboard } from './use-images-keyboard';

/** The `docker images` screen: wires the stores to the toolbar, the table and its states. */
export function ImagesPage({ stale = false }: { stale?: boolean }) {
  const { t } = useTranslation();
  const filterRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLDivElement>(null);

  const status = useImages((s) => s.status);
  const error = useImages((s) => s.error);
  const all = useImages((s) => s.all);
  const refreshing = useImages((s) => s.refreshing);
  const listVersion = useImages((s) => s.version);
  const view = useImagesView();
  const { rows, counts, total, filtered, appliedText } = useImageView();

  useImagesKeyboard({ rows, filterRef, tableRef });

  // Handlers read the latest rows without being re-created for every list change.
  const rowsRef = useRef(rows);
  useLayoutEffect(() => {
    rowsRef.current = rows;
  }, [rows]);
  const order = useCallback(() => rowsRef.current.map((r) => r.key), []);
  const onRowClick = useCallback((key: string, mods: { toggle: boolean; range: boolean }) => useImagesView.getState().click(key, order(), mods), [order]);
  const onRowOpen = useCallback((key: string) => {
    const row = rowsRef.current.find((r) => r.key === key);
    if (!row) return;
    useImagesView.getState().click(key, [key], { toggle: false, range: false });
    useDetails.getState().open(row);
  }, []);

  const onRowAction = useCallback((key: string, action: RowAction) => {
    const row = rowsRef.current.find((r) => r.key === key);
    if (!row) return;
    if (action === 'tag') openTag(row);
    else if (action === 'untag') openUntag(rowReference(row));
    else openRemoveRows([row]);
  }, []);

  // What the toolbar's operations act on: the selection, and the row under the cursor as an anchor.
  const selected = view.selection.selected;
  const selectedRows = useMemo(() => rows.filter((r) => selected.has(r.key)), [rows, selected]);
  const anchor = useMemo(() => rows.find((r) => r.key === view.selection.focused) ?? (selectedRows.length === 1 ? selectedRows[0]! : null), [rows, view.selection.focused, selectedRows]);

  // An open details panel follows the cursor, like a preview pane.
  const focused = view.selection.focused;
  useEffect(() => {
    const details = useDetails.getState();
    if (!details.row || focused === null || details.row.key === focused) return;
    const row = rowsRef.current.find((r) => r.key === focused);
    if (row) details.open(row);
  }, [focused]);

  let body;
  if (status === 'error' && error) {
    body = <ErrorView heading={t('images.errorTitle')} error={error} onRetry={() => void useImages.getState().refresh()} testId="images-error" />;
  } else if (status === 'idle' || status === 'loading') {
    body = <ImagesLoading />;
  } else if (total === 0) {
    body = <ImagesEmpty />;
  } else if (rows.length === 0) {
    body = <ImagesNoMatch filterText={view.filterText} usage={view.usage} onClear={() => view.setFilterText('')} onShowAll={() => view.setUsage('all')} />;
  } else {
    body = (
      <ImagesTable
        rows={rows}
        listVersion={listVersion}
        sort={view.sort}
        selection={view.selection}
        scrollRef={tableRef}
        onSortBy={view.sortBy}
        onRowClick={onRowClick}
        onSelectAll={(select) => (select ? useImagesView.getState().selectAll(order()) : useImagesView.getState().clearSelection())}
        onRowOpen={onRowOpen}
        onRowAction={onRowAction}
      />
    );
  }

  return (
    <section className={`images-page${stale ? ' is-stale' : ''}`} aria-label={t('images.tableLabel')} data-stale={stale ? 'true' : 'false'}>
      <ImagesToolbar
        filterRef={filterRef}
        filterText={view.filterText}
        onFilterText={view.setFilterText}
        usage={view.usage}
        onUsage={view.setUsage}
        all={all}
        onAll={(on) => useImages.getState().setAll(on)}
        counts={{ ...counts, total, selected: view.selection.selected.size }}
        filtered={filtered}
        loading={status === 'idle' || status === 'loading'}
        refreshing={refreshing}
        onRefresh={() => void useImages.getState().refresh()}
        actions={stale ? undefined : <OperationsToolbar rows={rows} selectedRows={selectedRows} anchor={anchor} />}
      />
      {/* data-filter-applied: which filter the rows on screen answer (the list catches up with typing). */}
      <div className="images-body" data-filter-applied={appliedText}>
        {body}
      </div>
      <footer className="images-footer">
        <CommandHint command={imagesListCommand({ all, usage: view.usage, terms: parseQuery(appliedText ?? '').terms })} />
        <span className="keys-hint" title={t('images.keysHint')}>
          {t('images.keysHint')}
        </span>
      </footer>
    </section>
  );
}
