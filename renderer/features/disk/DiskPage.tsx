import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiskUsage } from '../../../shared/disk-types';
import { formatSize } from '../../../shared/format';
import { useStoreKind } from '../../stores/engine-store';
import { useImages } from '../../stores/images-store';
import { CommandHint } from '../../ui/CommandHint';
import { BroomIcon, DiskIcon } from '../../ui/icons';
import { openPruneUnused } from '../operations/open-operations';
import { DiskChart } from './DiskChart';
import { DiskImageList } from './DiskImageList';
import { useDisk } from './disk-store';
import { DF_PRECISION, biggestImages, diskRows, diskTotals, reclaimableImages } from './disk-view';
import { DiskTable } from './DiskTable';
import { MeasuredPage } from './MeasuredPage';

/** Rows per image list: the rest are counted, and the prune preview lists them all. */
const LIST_LIMIT = 10;

/** `docker system df`: space per kind as bars and a table, then the images that take or could free the most. */
export function DiskPage() {
  const { t } = useTranslation();
  return (
    <MeasuredPage
      prefix="disk"
      store={useDisk}
      icon={<DiskIcon size={26} />}
      command="docker system df"
      texts={{
        title: t('disk.title'),
        measuring: t('disk.measuring'),
        measuringWhy: t('disk.measuringWhy'),
        remeasuring: t('disk.remeasuring'),
        measureAgainTitle: t('disk.measureAgainTitle'),
        errorTitle: t('disk.errorTitle'),
        cancelledTitle: t('disk.cancelledTitle'),
      }}
    >
      {(usage, stale) => <DiskResult usage={usage} stale={stale} />}
    </MeasuredPage>
  );
}

function DiskResult({ usage, stale }: { usage: DiskUsage; stale: boolean }) {
  const { t } = useTranslation();
  const summaries = useImages((s) => s.summaries);
  const imagesReady = useImages((s) => s.status === 'ready');
  const store = useStoreKind();
  const rows = useMemo(() => diskRows(usage.kinds), [usage]);
  const totals = useMemo(() => diskTotals(rows), [rows]);
  const present = useMemo(() => (imagesReady ? new Set(summaries.map((s) => s.id)) : null), [imagesReady, summaries]);
  const biggest = useMemo(() => biggestImages(usage.images, LIST_LIMIT, present), [usage, present]);
  const reclaimable = useMemo(() => reclaimableImages(usage.images, LIST_LIMIT, present), [usage, present]);
  return (
    <div className="disk-content" data-testid="disk-result" data-stale={stale ? 'true' : 'false'}>
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
}
