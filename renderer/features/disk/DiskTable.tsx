import { useTranslation } from 'react-i18next';
import { formatBytesExact } from '../../../shared/format';
import { Size } from '../../ui/Size';
import { DF_PRECISION, reclaimableText, type DiskRow } from './disk-view';

/** `docker system df` as a table: the same columns, the same figures, the same way of printing them. */
export function DiskTable({ rows }: { rows: readonly DiskRow[] }) {
  const { t } = useTranslation();
  return (
    <table className="disk-table" data-testid="disk-table" aria-label={t('disk.tableLabel')}>
      <thead>
        <tr>
          <th scope="col">{t('disk.columnType')}</th>
          <th scope="col" className="num">{t('disk.columnTotal')}</th>
          <th scope="col" className="num" title={t('disk.activeTitle')}>
            {t('disk.columnActive')}
          </th>
          <th scope="col" className="num">{t('disk.columnSize')}</th>
          <th scope="col" className="num" title={t('disk.reclaimableTitle')}>
            {t('disk.columnReclaimable')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.kind} data-testid="disk-row" data-kind={row.kind} data-size={row.size} data-reclaimable={row.reclaimable}>
            <th scope="row" title={t(`disk.activeMeaning.${row.kind}`)}>
              {t(`disk.kinds.${row.kind}`)}
            </th>
            <td className="num" data-testid="disk-total">
              {row.total}
            </td>
            <td className="num" data-testid="disk-active">
              {row.active}
            </td>
            <td className="num" data-testid="disk-size">
              <Size bytes={row.size} precision={DF_PRECISION} />
            </td>
            <td className="num" data-testid="disk-reclaimable" title={formatBytesExact(row.reclaimable)}>
              {reclaimableText(row)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
