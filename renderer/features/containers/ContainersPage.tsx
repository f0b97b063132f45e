import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isActiveContainer } from '../../../shared/container-state';
import type { ContainerBrief } from '../../../shared/removal-types';
import { useContainers } from '../../stores/containers-store';
import { useFilesDialog } from '../../stores/files-dialog-store';
import { useClock } from '../../ui/clock-store';
import { CommandHint } from '../../ui/CommandHint';
import { ErrorView } from '../../ui/ErrorView';
import { ContainerIcon, RefreshIcon, SearchIcon } from '../../ui/icons';
import { isEditable, modalOpen } from '../../ui/keyboard';
import { SearchBox } from '../../ui/SearchBox';
import { Spinner } from '../../ui/Spinner';
import { StateView } from '../../ui/StateView';
import { filterContainers, sortContainers } from './containers-table';
import { useContainersView } from './containers-view-store';
import { ContainersTable } from './ContainersTable';

const openExport = (container: ContainerBrief) => useFilesDialog.getState().open({ kind: 'export', container });
const openCommit = (container: ContainerBrief) => useFilesDialog.getState().open({ kind: 'commit', container });

/** The Containers view: `docker ps -a`, with start, stop, remove, export and commit on each row. */
export function ContainersPage() {
  const { t } = useTranslation();
  const list = useContainers((s) => s.list);
  const error = useContainers((s) => s.error);
  const { filterText, sort, setFilterText, sortBy } = useContainersView();
  const now = useClock((s) => s.now);
  const filterRef = useRef<HTMLInputElement>(null);
  const [refreshing, setRefreshing] = useState(false);

  const refresh = useCallback(async () => {
    setRefreshing(true);
    await useContainers.getState().refresh();
    setRefreshing(false);
  }, []);

  // Engine events keep the list current; coming to the view reads it once more in case one was missed.
  useEffect(() => {
    void useContainers.getState().refresh();
  }, []);

  // `/` jumps to the filter, as on the Images view.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isEditable(event.target) || modalOpen()) return;
      event.preventDefault();
      filterRef.current?.focus();
      filterRef.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const rows = useMemo(() => sortContainers(filterContainers(list ?? [], filterText), sort), [list, filterText, sort]);
  const total = list?.length ?? 0;
  const running = useMemo(() => (list ?? []).filter((c) => isActiveContainer(c.state)).length, [list]);
  const filtered = filterText.trim() !== '';

  let body;
  if (error && !list) {
    body = <ErrorView heading={t('containersPage.errorTitle')} error={error} onRetry={() => void refresh()} testId="containers-error" />;
  } else if (!list) {
    body = (
      <div className="containers-loading" data-testid="containers-loading">
        <Spinner size={20} label={t('containersPage.loading')} />
        <span>{t('containersPage.loading')}</span>
      </div>
    );
  } else if (total === 0) {
    body = (
      <StateView icon={<ContainerIcon size={26} />} title={t('containersPage.emptyTitle')} body={t('containersPage.emptyBody')} testId="containers-empty">
        <div className="state-commands">
          <CommandHint command="docker run -d --name web nginx" />
        </div>
      </StateView>
    );
  } else if (rows.length === 0) {
    body = (
      <StateView icon={<SearchIcon size={26} />} title={t('containersPage.noMatchTitle', { filter: filterText.trim() })} body={t('containersPage.noMatchBody')} testId="containers-no-match">
        <button type="button" className="button" onClick={() => setFilterText('')}>
          {t('containersPage.clearFilter')}
        </button>
      </StateView>
    );
  } else {
    body = <ContainersTable rows={rows} sort={sort} now={now} onSortBy={sortBy} onExport={openExport} onCommit={openCommit} />;
  }

  const count = list ? t('containersPage.count', { count: filtered ? rows.length : total }) : t('containersPage.loading');
  const extra = list ? [filtered ? t('containersPage.countFiltered', { total }) : null, t('containersPage.running', { count: running })].filter(Boolean).join(' · ') : '';

  return (
    <section className="containers-page" aria-label={t('containersPage.title')} data-testid="containers-page">
      <div className="toolbar containers-toolbar">
        <div className="toolbar-row toolbar-row-actions">
          <SearchBox
            inputRef={filterRef}
            testId="containers-filter"
            placeholder={t('containersPage.filterPlaceholder')}
            label={t('containersPage.filterLabel')}
            value={filterText}
            onChange={setFilterText}
            clearLabel={t('containersPage.clearFilter')}
          />
          <span className="images-count" data-testid="containers-count" data-total={total} data-shown={rows.length} aria-live="polite" title={[count, extra].filter(Boolean).join(' · ')}>
            {count}
            {extra && <span className="count-muted"> · {extra}</span>}
          </span>
          <CommandHint command="docker ps -a" className="containers-command" />
          <button type="button" className="button" data-testid="containers-refresh" title={t('containersPage.refreshTitle')} aria-label={t('containersPage.refresh')} onClick={() => void refresh()} disabled={refreshing}>
            {refreshing ? <Spinner size={14} /> : <RefreshIcon />}
            <span className="refresh-label">{t('containersPage.refresh')}</span>
          </button>
        </div>
      </div>
      <div className="containers-body">{body}</div>
    </section>
  );
}
