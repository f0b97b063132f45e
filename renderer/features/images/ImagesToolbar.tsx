import type { ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { RefreshIcon } from '../../ui/icons';
import { SearchBox } from '../../ui/SearchBox';
import { Spinner } from '../../ui/Spinner';
import { USAGE_FILTERS, type UsageFilter } from './image-view';

interface ImagesToolbarProps {
  filterRef: RefObject<HTMLInputElement | null>;
  filterText: string;
  onFilterText(text: string): void;
  usage: UsageFilter;
  onUsage(usage: UsageFilter): void;
  all: boolean;
  onAll(on: boolean): void;
  counts: { images: number; rows: number; total: number; selected: number };
  filtered: boolean;
  /** No list yet: the counts would read "0 images" beside the placeholder rows. */
  loading: boolean;
  refreshing: boolean;
  onRefresh(): void;
  /** The operations (remove, clean up, prune), supplied by the page. */
  actions?: ReactNode;
}

export function ImagesToolbar({ filterRef, filterText, onFilterText, usage, onUsage, all, onAll, counts, filtered, loading, refreshing, onRefresh, actions }: ImagesToolbarProps) {
  const { t } = useTranslation();
  const shown = loading ? t('images.loading') : `${t('images.countImages', { count: counts.images })} · ${t('images.countRows', { count: counts.rows })}`;
  const filteredFrom = filtered && !loading ? t('images.countFiltered', { total: counts.total }) : null;
  const selected = counts.selected > 0 ? t('images.selected', { count: counts.selected }) : null;
  // The whole count as a tooltip, for when a narrow window cuts it short.
  const countText = [shown, filteredFrom, selected].filter(Boolean).join(' · ');
  return (
    // Two rows whatever is selected or filtered: a button or a count appearing must not re-wrap the
    // toolbar and slide the list out from under the pointer between two clicks.
    <div className="toolbar">
      <div className="toolbar-row">
        <SearchBox
          inputRef={filterRef}
          testId="images-filter"
          placeholder={t('images.filterPlaceholder')}
          label={t('images.filterLabel')}
          value={filterText}
          onChange={onFilterText}
          clearLabel={t('images.clearFilter')}
        />
        <div className="segmented" role="radiogroup" aria-label={t('images.usageLabel')} data-testid="usage-filter">
          {USAGE_FILTERS.map((kind) => (
            <label key={kind} className={`segment${usage === kind ? ' is-on' : ''}`} title={t(`images.usageTitle.${kind}`)} data-testid={`usage-filter-${kind}`} data-on={usage === kind ? 'true' : 'false'}>
              <input type="radio" name="usage-filter" value={kind} checked={usage === kind} onChange={() => onUsage(kind)} />
              <span>{t(`images.usage.${kind}`)}</span>
            </label>
          ))}
        </div>
        <label className="toggle" title={t('images.showAllTitle')}>
          <input type="checkbox" data-testid="toggle-all" checked={all} onChange={(e) => onAll(e.target.checked)} />
          <span>{t('images.showAll')}</span>
        </label>
      </div>
      <div className="toolbar-row toolbar-row-actions">
        <span className="images-count" data-testid="images-count" data-images={counts.images} data-rows={counts.rows} aria-live="polite" title={countText}>
          {shown}
          {filteredFrom && <span className="count-muted"> · {filteredFrom}</span>}
          {selected && <span className="count-selected"> · {selected}</span>}
        </span>
        {actions}
        <button type="button" className="button" data-testid="images-refresh" title={t('images.refreshTitle')} aria-label={t('images.refresh')} onClick={onRefresh} disabled={refreshing}>
          {refreshing ? <Spinner size={14} /> : <RefreshIcon />}
          <span className="refresh-label">{t('images.refresh')}</span>
        </button>
      </div>
    </div>
  );
}
