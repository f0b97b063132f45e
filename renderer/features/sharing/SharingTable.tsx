import { createColumnHelper, flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SharingImage } from '../../../shared/sharing-types';
import { LayersIcon, SortIcon, TrashIcon } from '../../ui/icons';
import { Size } from '../../ui/Size';
import { useLayers } from '../layers/layers-store';
import { openRemoveImage } from '../operations/open-operations';
import { ImageName } from './ImageName';
import { allNames, imageLabel } from './sharing-rows';

const column = createColumnHelper<SharingImage>();
/** Unknown figures sort last whichever way the column sorts. */
const bytes = (v: number | null) => v ?? undefined;

function Bytes({ value, testId }: { value: number | null; testId: string }) {
  const { t } = useTranslation();
  return value === null ? (
    <span className="muted" title={t('sharing.table.unknownTitle')}>
      ?
    </span>
  ) : (
    <span data-testid={testId} data-bytes={value}>
      <Size bytes={value} />
    </span>
  );
}

/** Every image with its shared and unique bytes; sorted by what removing it alone frees, the biggest first. */
export function SharingTable({ images }: { images: readonly SharingImage[] }) {
  const { t } = useTranslation();
  const [sorting, setSorting] = useState<SortingState>([{ id: 'frees', desc: true }]);
  const columns = useMemo(
    () => [
      column.accessor((i) => imageLabel(i), {
        id: 'name',
        header: () => t('sharing.table.image'),
        cell: ({ row }) => {
          const { names, containers, sharedWith } = row.original;
          return (
            <span className="sharing-name" title={allNames(row.original)}>
              <span className={names.length === 0 ? 'mono' : undefined} data-testid="sharing-name">
                <ImageName name={imageLabel(row.original)} />
              </span>
              <span className="sharing-name-facts muted" data-testid="sharing-with" data-count={sharedWith}>
                {sharedWith > 0 ? t('sharing.table.sharesWith', { count: sharedWith }) : t('sharing.table.nobody')}
                {containers > 0 && <span className="disk-in-use"> · {t('sharing.table.containers', { count: containers })}</span>}
              </span>
            </span>
          );
        },
      }),
      column.accessor((i) => bytes(i.totalBytes), { id: 'total', sortUndefined: 'last', header: () => t('sharing.table.total'), cell: ({ row }) => <Bytes value={row.original.totalBytes} testId="sharing-total" /> }),
      column.accessor((i) => bytes(i.sharedBytes), { id: 'shared', sortUndefined: 'last', header: () => t('sharing.table.shared'), cell: ({ row }) => <Bytes value={row.original.sharedBytes} testId="sharing-shared" /> }),
      column.accessor((i) => bytes(i.freesBytes), {
        id: 'frees',
        sortUndefined: 'last',
        header: () => t('sharing.table.frees'),
        cell: ({ row }) => {
          const { freesBytes, uniqueBytes, children, containers } = row.original;
          // The engine keeps an image that others are built on or a container uses: say so where the figure is 0.
          const kept = freesBytes === 0 && (uniqueBytes ?? 0) > 0;
          const why = kept ? (children > 0 ? t('sharing.table.keptChildren', { count: children }) : containers > 0 ? t('sharing.table.keptContainers', { count: containers }) : null) : null;
          return (
            <span title={why ?? undefined} className={why ? 'sharing-kept' : undefined}>
              <Bytes value={freesBytes} testId="sharing-frees" />
            </span>
          );
        },
      }),
    ],
    [t],
  );
  const table = useReactTable({ data: images as SharingImage[], columns, state: { sorting }, onSortingChange: setSorting, getCoreRowModel: getCoreRowModel(), getSortedRowModel: getSortedRowModel() });
  const rows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => 33, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);

  return (
    <div className="sharing-table-scroll" ref={scrollRef}>
      <table className="sharing-table" data-testid="sharing-table">
        <colgroup>
          <col />
          <col className="col-size" />
          <col className="col-size" />
          <col className="col-size" />
          <col className="col-actions" />
        </colgroup>
        <thead>
          {table.getHeaderGroups().map((hg) => (
            <tr key={hg.id}>
              {hg.headers.map((h) => {
                const sorted = h.column.getIsSorted();
                return (
                  <th key={h.id} scope="col" className={h.column.id === 'name' ? undefined : 'num'} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
                    <button type="button" className="head-button" data-testid={`sharing-sort-${h.column.id}`} onClick={h.column.getToggleSortingHandler()} title={h.column.id === 'frees' ? t('sharing.table.freesTitle') : h.column.id === 'shared' ? t('sharing.table.sharedTitle') : undefined}>
                      {flexRender(h.column.columnDef.header, h.getContext())}
                      <SortIcon sorted={sorted} size={12} />
                    </button>
                  </th>
                );
              })}
              <th scope="col">
                <span className="visually-hidden">{t('sharing.table.actions')}</span>
              </th>
            </tr>
          ))}
        </thead>
        <tbody>
          {before > 0 && <tr style={{ height: before }} aria-hidden="true" />}
          {items.map((item) => {
            const row = rows[item.index]!;
            const image = row.original;
            const ref = image.names.length > 0 ? imageLabel(image) : image.id;
            return (
              <tr key={row.id} data-index={item.index} ref={virtualizer.measureElement} data-testid="sharing-image" data-image-id={image.id}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className={cell.column.id === 'name' ? 'sharing-name-cell' : 'num'}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
                <td className="sharing-actions">
                  <button type="button" className="icon-button" data-testid="sharing-open" title={t('sharing.table.openTitle', { name: imageLabel(image) })} aria-label={t('sharing.table.openTitle', { name: imageLabel(image) })} onClick={() => useLayers.getState().open(ref)}>
                    <LayersIcon size={14} />
                  </button>
                  <button type="button" className="icon-button" data-testid="sharing-remove" title={t('sharing.table.removeTitle', { name: imageLabel(image) })} aria-label={t('sharing.table.removeTitle', { name: imageLabel(image) })} onClick={() => openRemoveImage(image.id)}>
                    <TrashIcon size={14} />
                  </button>
                </td>
              </tr>
            );
          })}
          {after > 0 && <tr style={{ height: after }} aria-hidden="true" />}
        </tbody>
      </table>
    </div>
  );
}
