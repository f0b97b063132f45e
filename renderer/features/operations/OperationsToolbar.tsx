import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ImageRow } from '../../../shared/image-types';
import { TrashIcon } from '../../ui/icons';
import { CleanupMenu } from './CleanupMenu';
import { FilesButtons } from '../files/FilesButtons';
import { RegistryButtons } from '../registries/RegistryButtons';
import { selectionCounts } from './bulk';
import { openPrune, openRemoveRows } from './open-operations';

interface OperationsToolbarProps {
  rows: readonly ImageRow[];
  selectedRows: readonly ImageRow[];
  anchor: ImageRow | null;
}

/** What the bulk button will do, in numbers: "Remove 3 tags of 2 images", not a bare trash icon. */
function selectionLabel(t: TFunction, rows: readonly ImageRow[]): string {
  const { tags, images, untagged } = selectionCounts(rows);
  if (tags === 0) return t('actions.removeUntagged', { count: untagged });
  if (untagged === 0) return t('actions.removeTagsOf', { count: tags, images: t('actions.imagesCount', { count: images }) });
  return t('actions.removeTagsAnd', { count: tags, untagged: t('actions.untaggedCount', { count: untagged }) });
}

/** The list toolbar's operations: remove the selection, bulk clean-up, prune. */
export function OperationsToolbar({ rows, selectedRows, anchor }: OperationsToolbarProps) {
  const { t } = useTranslation();
  return (
    <div className="operations-toolbar">
      {/* Always there, one width: selecting a row must not move the buttons, nor the table under them. */}
      <button
        type="button"
        className="button button-danger-outline remove-selected"
        data-testid="remove-selected"
        title={selectedRows.length > 0 ? `${selectionLabel(t, selectedRows)} — ${t('actions.removeSelectedTitle')}` : t('actions.removeNoneTitle')}
        disabled={selectedRows.length === 0}
        onClick={() => openRemoveRows(selectedRows)}
      >
        <TrashIcon />
        <span className="remove-selected-label">{selectedRows.length > 0 ? selectionLabel(t, selectedRows) : t('actions.removeNone')}</span>
      </button>
      <FilesButtons selectedRows={selectedRows} anchor={anchor} />
      <RegistryButtons />
      <CleanupMenu rows={rows} anchor={anchor} />
      <button type="button" className="button" data-testid="prune-open" title={t('prune.openTitle')} onClick={openPrune}>
        <span>{t('prune.open')}</span>
      </button>
    </div>
  );
}
