import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatSize } from '../../../shared/format';
import { SHARING_COMMAND } from '../../../shared/layer-commands';
import type { LayerSharing } from '../../../shared/sharing-types';
import { describeError } from '../../i18n/describe-error';
import { exactDateTime, relativeTime } from '../../i18n/relative-time';
import { useMeasureWhenStale } from '../../stores/measure-store';
import { useClock } from '../../ui/clock-store';
import { CommandHint } from '../../ui/CommandHint';
import { ErrorView } from '../../ui/ErrorView';
import { LayersIcon, RefreshIcon } from '../../ui/icons';
import { SearchBox } from '../../ui/SearchBox';
import { Spinner } from '../../ui/Spinner';
import { StateView } from '../../ui/StateView';
import { imageMatches } from './sharing-rows';
import { useSharing, useSharingView } from './sharing-store';
import { SharingTable } from './SharingTable';
import { SharingTree } from './SharingTree';

function Result({ sharing, stale }: { sharing: LayerSharing; stale: boolean }) {
  const { t } = useTranslation();
  const filter = useSharingView((s) => s.filter);
  const setFilter = useSharingView((s) => s.setFilter);
  const byId = useMemo(() => new Map(sharing.images.map((i) => [i.id, i])), [sharing]);
  const keep = useCallback((id: string) => !filter.trim() || (byId.has(id) && imageMatches(byId.get(id)!, filter)), [byId, filter]);
  const shown = useMemo(() => sharing.images.filter((i) => keep(i.id)), [sharing, keep]);
  const share = sharing.totalBytes > 0 ? sharing.sharedBytes / sharing.totalBytes : 0;
  return (
    <div className="sharing-content" data-testid="sharing-result" data-stale={stale ? 'true' : 'false'}>
      <div className="sharing-summary">
        <p data-testid="sharing-summary" data-total={sharing.totalBytes} data-shared={sharing.sharedBytes}>
          {t('sharing.summary', { count: sharing.images.length, total: formatSize(sharing.totalBytes), shared: formatSize(sharing.sharedBytes), percent: Math.round(share * 100) })}
        </p>
        <p className="muted">{t(sharing.accounting === 'content' ? 'sharing.unitsContent' : 'sharing.unitsLayers')}</p>
        {sharing.unknown > 0 && (
          <p className="disk-inline-error" role="status" data-testid="sharing-unknown">
            {t('sharing.unknown', { count: sharing.unknown })}
          </p>
        )}
      </div>
      <SearchBox value={filter} onChange={setFilter} placeholder={t('sharing.filter')} label={t('sharing.filter')} testId="sharing-filter" clearLabel={t('sharing.clearFilter')} className="sharing-filter" />
      <div className="sharing-panes">
        <section className="disk-card sharing-pane" aria-labelledby="sharing-tree-heading">
          <header className="disk-card-head">
            <h2 id="sharing-tree-heading">{t('sharing.tree.title')}</h2>
          </header>
          <p className="disk-card-hint">{t('sharing.tree.hint')}</p>
          <SharingTree roots={sharing.roots} images={byId} keep={keep} />
        </section>
        <section className="disk-card sharing-pane" aria-labelledby="sharing-table-heading">
          <header className="disk-card-head">
            <h2 id="sharing-table-heading">{t('sharing.table.title')}</h2>
            <span className="disk-card-count">{t('disk.imageCount', { count: shown.length })}</span>
          </header>
          <p className="disk-card-hint">{t('sharing.table.hint')}</p>
          <SharingTable images={shown} />
        </section>
      </div>
    </div>
  );
}

/** Which images share which layers, and what removing each one alone frees, on either image store. */
export function SharingPage() {
  const { t, i18n } = useTranslation();
  const { jobId, result, error, cancelled, start, cancel } = useSharing();
  const { key, listsReady, stale } = useMeasureWhenStale(useSharing);
  const now = useClock((s) => s.now);
  const running = jobId !== null;
  const measure = () => void start(key);

  let status = '';
  if (running) status = result ? t('sharing.rereading') : t('sharing.reading');
  else if (result) status = t('disk.measuredAt', { when: relativeTime(t, result.measuredAt, Math.max(now, result.measuredAt), 'in-sentence') });

  let body;
  if (result) {
    body = (
      <>
        {error && (
          <p className="disk-inline-error sharing-error" role="alert">
            {t('disk.errorAgain', { message: describeError(i18n, error).title })}
          </p>
        )}
        <Result sharing={result} stale={stale} />
      </>
    );
  } else if (error) {
    body = <ErrorView heading={t('sharing.errorTitle')} error={error} onRetry={measure} retryLabel={t('disk.measure')} testId="sharing-error" />;
  } else if (cancelled) {
    body = (
      <StateView icon={<LayersIcon size={26} />} title={t('sharing.cancelledTitle')} body={t('disk.cancelledBody')} testId="sharing-cancelled">
        <button type="button" className="button button-primary" data-testid="sharing-measure" onClick={measure}>
          {t('disk.measure')}
        </button>
      </StateView>
    );
  } else {
    body = (
      <StateView icon={<Spinner size={22} label={t('sharing.reading')} />} title={t('sharing.reading')} body={t('sharing.readingWhy')} testId="sharing-loading">
        {running && (
          <button type="button" className="button" data-testid="sharing-cancel" onClick={() => void cancel()}>
            {t('disk.cancel')}
          </button>
        )}
      </StateView>
    );
  }

  return (
    <section className="disk-page sharing-page" aria-label={t('sharing.title')} data-testid="sharing-page">
      <div className="toolbar disk-toolbar">
        <div className="toolbar-row toolbar-row-actions">
          <h1 className="disk-title">{t('sharing.title')}</h1>
          <span className="images-count disk-status" data-testid="sharing-status" aria-live="polite" title={result ? exactDateTime(i18n.language, result.measuredAt) : undefined}>
            {running && result && <Spinner size={12} />}
            {status}
          </span>
          <span className="disk-card-spacer" />
          <CommandHint command={SHARING_COMMAND} />
          {running && result ? (
            <button type="button" className="button" data-testid="sharing-cancel" onClick={() => void cancel()}>
              {t('disk.cancel')}
            </button>
          ) : (
            <button type="button" className="button" data-testid="sharing-refresh" title={t('sharing.readAgainTitle')} onClick={measure} disabled={running || !listsReady}>
              <RefreshIcon />
              <span>{t(result ? 'disk.measureAgain' : 'disk.measure')}</span>
            </button>
          )}
        </div>
      </div>
      <div className="sharing-body">{body}</div>
    </section>
  );
}
