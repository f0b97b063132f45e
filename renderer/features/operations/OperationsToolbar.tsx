import { useTranslation } from 'react-i18next';
import type { ImageRow } from '../../../shared/image-types';
import { TrashIcon } from '../../ui/icons';
import { CleanupMenu } from './CleanupMenu';
import { openPrune, openRemoveRows } from './open-operations';

interface OperationsToolbarProps {
  rows: readonly ImageRow[];
  selectedRows: readonly ImageRow[];
  anchor: ImageRow | null;
}

/** The list toolbar's operations: remove the selection, bulk clean-up, prune. */
export function OperationsToolbar({ rows, selectedRows, anchor }: OperationsToolbarProps) {
  const { t } = useTranslation();
  return (
    <div className="operations-toolbar">
      {selectedRows.length > 0 && (
        <button
          type="button"
          className="button"
          data-testid="remove-selected"
          title={t('actions.removeSelectedTitle')}
          aria-label={t('actions.removeSelected', { count: selectedRows.length })}
          onClick={() => openRemoveRows(selectedRows)}
        >
          <TrashIcon />
          <span className="count-badge">{selectedRows.length}</span>
        </button>
      )}
      <CleanupMenu rows={rows} anchor={anchor} />
      <button type="button" className="button" data-testid="prune-open" title={t('prune.openTitle')} onClick={openPrune}>
        <span>{t('prune.open')}</span>
      </button>
    </div>
  );
}
