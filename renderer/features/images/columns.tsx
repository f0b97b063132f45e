import { createColumnHelper, type CellContext } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { formatBytesExact, formatSize, shortId } from '../../../shared/format';
import { exactDateTime, relativeTime } from '../../i18n/relative-time';
import { useClock } from '../../ui/clock-store';
import { CopyButton } from '../../ui/CopyButton';
import type { ViewRow } from './image-view';
import type { SortColumn } from './sort';

declare module '@tanstack/react-table' {
  /**
   * The language, handed to cells by the table: a useTranslation() per cell costs a wrapper object per
   * mounted cell, which at 40 new rows per filter keystroke was a third of the frame.
   */
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface TableMeta<TData> {
    t: TFunction;
    language: string;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData, TValue> {
    labelKey: 'images.columnRepository' | 'images.columnTag' | 'images.columnId' | 'images.columnCreated' | 'images.columnSize' | 'images.columnUse';
    testId: string;
    className: string;
    /** False for columns the list cannot be sorted by. */
    sortable?: boolean;
    /** What the column's figures mean, where that is not obvious. */
    explainKey?: 'images.columnSizeTitle';
  }
}

type Cell = CellContext<ViewRow, unknown>;
const textOf = (table: Cell['table']) => table.options.meta!;
const NONE = '<none>';

function NameCell({ value, extra, idStandsIn = false }: { value: string; extra?: ReactNode; idStandsIn?: boolean }) {
  if (value === NONE) {
    return (
      <>
        {/* Where the short ID stands in (narrow), the tag column's <none> already says it has no name. */}
        <span className={`none-value${idStandsIn ? ' none-beside-id' : ''}`}>{NONE}</span>
        {extra}
      </>
    );
  }
  return (
    <>
      <span className="cell-text" title={value}>
        {value}
      </span>
      {extra}
    </>
  );
}

/** Dangling is a property of the image, shown by the name where the wider column has room. */
function RepositoryCell({ row, table }: Cell) {
  const { t } = textOf(table);
  const r = row.original;
  const extra = r.dangling ? (
    <span className="badge badge-muted" title={t('images.danglingTitle')}>
      {t('images.dangling')}
    </span>
  ) : undefined;
  if (r.repository === NONE) {
    // Where the ID column gives way (a narrow window, the details panel open) nameless rows would be
    // indistinguishable; their short ID stands in for the name there (CSS shows it only then).
    const id = shortId(r.imageId);
    return (
      <NameCell
        value={r.repository}
        idStandsIn
        extra={
          <>
            <span className="mono narrow-id" title={r.imageId}>
              {id}
            </span>
            {extra}
          </>
        }
      />
    );
  }
  // When the column is narrow the registry and namespace give way first: the last path segment is
  // what tells images apart ("registry.exa…/oauth2-authorization-server").
  const slash = r.repository.lastIndexOf('/') + 1;
  return (
    <>
      <span className="cell-text repo-text" title={r.repository}>
        {slash > 0 && <span className="repo-prefix">{r.repository.slice(0, slash)}</span>}
        <span className="repo-name">{r.repository.slice(slash)}</span>
      </span>
      {extra}
    </>
  );
}

function TagCell({ row, table }: Cell) {
  const { t } = textOf(table);
  const r = row.original;
  const extra = r.tagCount > 1 ? (
    <span className="badge badge-count" title={t('images.moreTags', { count: r.tagCount })}>
      ×{r.tagCount}
    </span>
  ) : undefined;
  return <NameCell value={r.tag} extra={extra} />;
}

function IdCell({ row, table }: Cell) {
  const { t } = textOf(table);
  const id = row.original.imageId;
  return (
    <>
      <span className="mono cell-id" title={id}>
        {shortId(id)}
      </span>
      <CopyButton text={id} label={t('images.copyId')} testId="copy-image-id" className="row-copy" />
    </>
  );
}

function CreatedCell({ row, table }: Cell) {
  const { t, language } = textOf(table);
  const now = useClock((s) => s.now);
  const ms = row.original.created * 1000;
  return (
    <span className="cell-text" title={exactDateTime(language, ms)}>
      {relativeTime(t, ms, now)}
    </span>
  );
}

function SizeCell({ row }: Cell) {
  const size = row.original.size;
  return (
    <span className="cell-number" title={formatBytesExact(size)}>
      {formatSize(size)}
    </span>
  );
}

/** Which containers hold the image: the reason removal is refused, at a glance. */
function UseCell({ row, table }: Cell) {
  const { t } = textOf(table);
  const use = row.original.use;
  if (!use) return null;
  return (
    <span className="use-marks" title={t('images.useTitle', { running: use.running, stopped: use.stopped })} data-testid="use-marks" data-running={use.running} data-stopped={use.stopped}>
      {use.running > 0 && (
        <span className="use-mark use-running">
          {use.running}
          <span className="use-word">{t('images.useRunningWord', { count: use.running })}</span>
        </span>
      )}
      {use.stopped > 0 && (
        <span className="use-mark use-stopped">
          {use.stopped}
          <span className="use-word">{t('images.useStoppedWord', { count: use.stopped })}</span>
        </span>
      )}
    </span>
  );
}

const column = createColumnHelper<ViewRow>();

/** Column ids are the sort keys, so a header click maps straight onto the sort state. */
export const imageColumns = [
  column.accessor('repository', { id: 'repository' satisfies SortColumn, cell: RepositoryCell, meta: { labelKey: 'images.columnRepository', testId: 'column-repository', className: 'col-repository' } }),
  column.accessor('tag', { id: 'tag' satisfies SortColumn, cell: TagCell, meta: { labelKey: 'images.columnTag', testId: 'column-tag', className: 'col-tag' } }),
  column.accessor('imageId', { id: 'id' satisfies SortColumn, cell: IdCell, meta: { labelKey: 'images.columnId', testId: 'column-id', className: 'col-id' } }),
  column.accessor('created', { id: 'created' satisfies SortColumn, cell: CreatedCell, meta: { labelKey: 'images.columnCreated', testId: 'column-created', className: 'col-created' } }),
  column.accessor('size', { id: 'size' satisfies SortColumn, cell: SizeCell, meta: { labelKey: 'images.columnSize', testId: 'column-size', className: 'col-size', explainKey: 'images.columnSizeTitle' } }),
  column.accessor('use', { id: 'use', cell: UseCell, meta: { labelKey: 'images.columnUse', testId: 'column-use', className: 'col-use', sortable: false } }),
];
