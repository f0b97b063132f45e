import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatSize } from '../../../shared/format';
import { SHARING_COMMAND } from '../../../shared/layer-commands';
import type { LayerSharing } from '../../../shared/sharing-types';
import { CommandHint } from '../../ui/CommandHint';
import { LayersIcon } from '../../ui/icons';
import { SearchBox } from '../../ui/SearchBox';
import { MeasuredPage } from '../disk/MeasuredPage';
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
          {t(sharing.accounting === 'content' ? 'sharing.summaryContent' : 'sharing.summary', { count: sharing.images.length, total: formatSize(sharing.totalBytes), shared: formatSize(sharing.sharedBytes), percent: Math.round(share * 100) })}
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
          <p className="disk-card-hint">{t(sharing.accounting === 'content' ? 'sharing.table.hintContent' : 'sharing.table.hint')}</p>
          <SharingTable images={shown} />
        </section>
      </div>
    </div>
  );
}

/** Which images share which layers, and what removing each one alone frees, on either image store. */
export function SharingPage() {
  const { t } = useTranslation();
  return (
    <MeasuredPage
      prefix="sharing"
      store={useSharing}
      icon={<LayersIcon size={26} />}
      command={SHARING_COMMAND}
      toolbarExtra={
        <>
          <span className="disk-card-spacer" />
          <CommandHint command={SHARING_COMMAND} />
        </>
      }
      texts={{
        title: t('sharing.title'),
        measuring: t('sharing.reading'),
        measuringWhy: t('sharing.readingWhy'),
        remeasuring: t('sharing.rereading'),
        measureAgainTitle: t('sharing.readAgainTitle'),
        errorTitle: t('sharing.errorTitle'),
        cancelledTitle: t('sharing.cancelledTitle'),
      }}
    >
      {(sharing, stale) => <Result sharing={sharing} stale={stale} />}
    </MeasuredPage>
  );
}
