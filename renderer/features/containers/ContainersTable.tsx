import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { shortId } from '../../../shared/format';
import type { ContainerBrief } from '../../../shared/removal-types';
import { exactDateTime, relativeTime } from '../../i18n/relative-time';
import { SortIcon } from '../../ui/icons';
import { ContainerActions } from './ContainerActions';
import { ContainerState } from './ContainerState';
import type { ContainerColumn, ContainerSort } from './containers-table';

const COLUMN_LABELS = {
  name: 'containersPage.columnName',
  image: 'containersPage.columnImage',
  state: 'containersPage.columnState',
  created: 'containersPage.columnCreated',
  id: 'containersPage.columnId',
} as const satisfies Record<ContainerColumn, string>;

const ariaSort = (sorted: false | 'asc' | 'desc') => (sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none');

interface ContainersTableProps {
  rows: readonly ContainerBrief[];
  sort: ContainerSort;
  now: number;
  onSortBy(column: ContainerColumn): void;
  onExport(container: ContainerBrief): void;
  onCommit(container: ContainerBrief): void;
}

/** `docker ps -a` as a table: every container, sortable by column, with its actions on each row. */
export function ContainersTable({ rows, sort, now, onSortBy, onExport, onCommit }: ContainersTableProps) {
  const { t, i18n } = useTranslation();
  return (
    <div className="containers-scroll">
      <table className="containers-table" data-testid="containers-table" aria-label={t('containersPage.tableLabel')}>
        <colgroup>
          <col className="col-name" />
          <col className="col-image" />
          <col className="col-state" />
          <col className="col-created" />
          <col className="col-id" />
          <col className="col-actions" />
        </colgroup>
        <thead>
          <tr>
            {(Object.keys(COLUMN_LABELS) as ContainerColumn[]).map((column) => {
              const sorted = sort.column === column ? (sort.desc ? 'desc' : 'asc') : false;
              const label = t(COLUMN_LABELS[column]);
              return (
                <th key={column} scope="col" aria-sort={ariaSort(sorted)} className={sorted ? 'is-sorted' : undefined}>
                  <button type="button" className="head-button" data-testid={`containers-column-${column}`} title={t('containersPage.sortBy', { column: label })} onClick={() => onSortBy(column)}>
                    <span>{label}</span>
                    <SortIcon sorted={sorted} size={12} />
                  </button>
                </th>
              );
            })}
            <th scope="col">
              <span className="head-label">{t('containersPage.columnActions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <ContainerRow key={c.id} container={c} now={now} t={t} language={i18n.language} onExport={onExport} onCommit={onCommit} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface RowProps {
  container: ContainerBrief;
  now: number;
  t: TFunction;
  language: string;
  onExport(container: ContainerBrief): void;
  onCommit(container: ContainerBrief): void;
}

// Memoised: a refresh that changes one container's state re-renders that row, not 150.
const ContainerRow = memo(function ContainerRow({ container: c, now, t, language, onExport, onCommit }: RowProps) {
  const ms = c.created * 1000;
  // A container whose image lost its name lists the image by ID, as docker ps does.
  const image = c.image.startsWith('sha256:') ? shortId(c.image) : c.image;
  return (
    <tr data-testid="container-row" data-name={c.name} data-id={c.id} data-state={c.state}>
      <td className="cell-name">
        <span className="cell-text" title={c.name}>
          {c.name}
        </span>
      </td>
      <td className="cell-image">
        <span className="cell-text mono" title={c.image}>
          {image}
        </span>
      </td>
      <td>
        <ContainerState state={c.state} />
      </td>
      <td className="cell-created" title={exactDateTime(language, ms)}>
        {relativeTime(t, ms, now)}
      </td>
      <td className="mono cell-id" title={c.id}>
        {shortId(c.id)}
      </td>
      <td className="cell-actions">
        <div className="containers-row-actions">
          <ContainerActions container={c} />
          <div className="container-action-buttons">
            <button type="button" className="button button-small" data-testid="container-export" title={t('containersPage.exportTitle', { name: c.name })} onClick={() => onExport(c)}>
              {t('containersPage.export')}
            </button>
            <button type="button" className="button button-small" data-testid="container-commit" title={t('containersPage.commitTitle', { name: c.name })} onClick={() => onCommit(c)}>
              {t('containersPage.commit')}
            </button>
          </div>
        </div>
      </td>
    </tr>
  );
});
