import { useTranslation } from 'react-i18next';
import { formatSize } from '../../../shared/format';
import { Size } from '../../ui/Size';
import { DF_PRECISION, reclaimableText, type DiskRow } from './disk-view';

const percent = (fraction: number) => `${(fraction * 100).toFixed(3)}%`;

/**
 * One horizontal bar per kind, all on the scale of the biggest, each split into what is in use and
 * what could be reclaimed. Plain elements: the figures beside each bar (and the table) are the data.
 */
export function DiskChart({ rows }: { rows: readonly DiskRow[] }) {
  const { t } = useTranslation();
  return (
    <div className="disk-chart" data-testid="disk-chart">
      <div className="disk-legend" aria-hidden="true">
        <span className="disk-legend-item">
          <span className="disk-swatch disk-swatch-used" />
          {t('disk.legendUsed')}
        </span>
        <span className="disk-legend-item">
          <span className="disk-swatch disk-swatch-reclaimable" />
          {t('disk.legendReclaimable')}
        </span>
      </div>
      {rows.map((row) => {
        const kind = t(`disk.kinds.${row.kind}`);
        const label = t('disk.barLabel', { kind, size: formatSize(row.size, DF_PRECISION), used: formatSize(row.used, DF_PRECISION), reclaimable: reclaimableText(row) });
        return (
          <div key={row.kind} className="disk-bar-row" data-testid="disk-bar" data-kind={row.kind}>
            <span className="disk-bar-kind">{kind}</span>
            <div className="disk-bar-track" role="img" aria-label={label} title={label}>
              {row.usedWidth > 0 && <span className="disk-bar-used" data-testid="disk-bar-used" style={{ width: percent(row.usedWidth) }} />}
              {row.reclaimableWidth > 0 && <span className="disk-bar-reclaimable" data-testid="disk-bar-reclaimable" style={{ width: percent(row.reclaimableWidth) }} />}
            </div>
            <span className="disk-bar-figures">
              <Size bytes={row.size} precision={DF_PRECISION} className="disk-bar-size" />
              {row.size > 0 && <span className="disk-bar-note">{t('disk.barReclaimable', { percent: row.reclaimablePercent ?? 0 })}</span>}
            </span>
          </div>
        );
      })}
    </div>
  );
}
