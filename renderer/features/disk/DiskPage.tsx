import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatSize } from '../../../shared/format';
import { describeError } from '../../i18n/describe-error';
import { exactDateTime, relativeTime } from '../../i18n/relative-time';
import { useStoreKind } from '../../stores/engine-store';
import { useImages } from '../../stores/images-store';
import { useClock } from '../../ui/clock-store';
import { CommandHint } from '../../ui/CommandHint';
import { ErrorView } from '../../ui/ErrorView';
import { BroomIcon, DiskIcon, RefreshIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import { StateView } from '../../ui/StateView';
import { openPruneUnused } from '../operations/open-operations';
import { DiskChart } from './DiskChart';
import { DiskImageList } from './DiskImageList';
import { useDisk } from './disk-store';
import { useMeasureWhenStale } from '../../stores/measure-store';
import { DF_PRECISION, biggestImages, diskRows, diskTotals, reclaimableImages } from './disk-view';
import { DiskTable } from './DiskTable';

/** Rows per image list: the rest are counted, and the prune preview lists them all. */
const LIST_LIMIT = 10;

/** `docker system df`: space per kind as bars and a table, then the images that take or could free the most. */
export function DiskPage() {
  const { t, i18n } = useTranslation();
  const { jobId, result: usage, error, cancelled, start, cancel } = useDisk();
  const { key, listsReady, stale } = useMeasureWhenStale(useDisk);
  const summaries = useImages((s) => s.summaries);
  const imagesReady = useImages((s) => s.status === 'ready');
  const store = useStoreKind();
  const now = useClock((s) => s.now);
  const running = jobId !== null;

  const rows = useMemo(() => (usage ? diskRows(usage.kinds) : []), [usage]);
  const totals = useMemo(() => diskTotals(rows), [rows]);
  const present = useMemo(() => (imagesReady ? new Set(summaries.map((s) => s.id)) : null), [imagesReady, summaries]);
  const biggest = useMemo(() => biggestImages(usage?.images ?? [], LIST_LIMIT, present), [usage, present]);
  const reclaimable = useMemo(() => reclaimableImages(usage?.images ?? [], LIST_LIMIT, present), [usage, present]);

  const measure = () => void start(key);

  let status: string;
  if (running) status = usage ? t('disk.remeasuring') : t('disk.measuring');
  else if (usage) status = t('disk.measuredAt', { when: relativeTime(t, usage.measuredAt, Math.max(now, usage.measuredAt), 'in-sentence') });
  else status = '';

  let body;
  if (usage) {
    body = (
      <div className="disk-content" data-testid="disk-result" data-stale={stale ? 'true' : 'false'}>
        {error && (
          <p className="disk-inline-error" role="alert">
            {t('disk.errorAgain', { message: describeError(i18n, error).title })}
          </p>
        )}
        <section className="disk-card disk-kinds" data-testid="disk-kinds" aria-labelledby="disk-kinds-heading">
          <header className="disk-card-head">
            <h2 id="disk-kinds-heading">{t('disk.kindsTitle')}</h2>
            <span className="disk-card-count" data-testid="disk-totals">
              {t('disk.totals', { size: formatSize(totals.size, DF_PRECISION), reclaimable: formatSize(totals.reclaimable, DF_PRECISION) })}
            </span>
            <span className="disk-card-spacer" />
            <CommandHint command="docker system df" />
          </header>
          <div className="disk-kinds-body">
            <DiskChart rows={rows} />
            <DiskTable rows={rows} />
          </div>
        </section>
        <div className="disk-lists">
          <DiskImageList
            testId="disk-biggest"
            title={t('disk.biggestTitle')}
            hint={t('disk.biggestHint')}
            list={biggest}
            detail="containers"
            empty={t('disk.noImages')}
            action={<CommandHint command="docker system df -v" />}
          />
          <DiskImageList
            testId="disk-reclaimable"
            title={t('disk.reclaimableTitle')}
            hint={t('disk.reclaimableHint')}
            list={reclaimable}
            detail="created"
            empty={t('disk.noReclaimable')}
            action={
              <button type="button" className="button button-small" data-testid="disk-prune" title={t('disk.pruneTitle')} onClick={openPruneUnused} disabled={reclaimable.count === 0}>
                <BroomIcon size={12} />
                {t('disk.prune')}
              </button>
            }
          />
        </div>
        <p className="disk-footnote">{t(store === 'containerd' ? 'disk.sizesNoteContainerd' : 'disk.sizesNote')}</p>
      </div>
    );
  } else if (error) {
    body = <ErrorView heading={t('disk.errorTitle')} error={error} onRetry={measure} retryLabel={t('disk.measure')} testId="disk-error" />;
  } else if (cancelled) {
    body = (
      <StateView icon={<DiskIcon size={26} />} title={t('disk.cancelledTitle')} body={t('disk.cancelledBody')} testId="disk-cancelled">
        <button type="button" className="button button-primary" data-testid="disk-measure" onClick={measure}>
          {t('disk.measure')}
        </button>
      </StateView>
    );
  } else {
    body = (
      <StateView icon={<Spinner size={22} label={t('disk.measuring')} />} title={t('disk.measuring')} body={t('disk.measuringWhy')} testId="disk-loading">
        <div className="state-commands">
          <CommandHint command="docker system df" />
        </div>
        {running && (
          <button type="button" className="button" data-testid="disk-cancel" onClick={() => void cancel()}>
            {t('disk.cancel')}
          </button>
        )}
      </StateView>
    );
  }

  return (
    <section className="disk-page" aria-label={t('disk.title')} data-testid="disk-page">
      <div className="toolbar disk-toolbar">
        <div className="toolbar-row toolbar-row-actions">
          <h1 className="disk-title">{t('disk.title')}</h1>
          <span className="images-count disk-status" data-testid="disk-status" aria-live="polite" title={usage ? exactDateTime(i18n.language, usage.measuredAt) : undefined}>
            {running && usage && <Spinner size={12} />}
            {status}
          </span>
          {running && usage ? (
            <button type="button" className="button" data-testid="disk-cancel" onClick={() => void cancel()}>
              {t('disk.cancel')}
            </button>
          ) : (
            <button type="button" className="button" data-testid="disk-refresh" title={t('disk.measureAgainTitle')} onClick={measure} disabled={running || !listsReady}>
              <RefreshIcon />
              <span>{t(usage ? 'disk.measureAgain' : 'disk.measure')}</span>
            </button>
          )}
        </div>
      </div>
      <div className="disk-body">{body}</div>
    </section>
  );
}
