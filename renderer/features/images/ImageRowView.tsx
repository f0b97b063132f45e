import { memo } from 'react';
import { flexRender, type Row } from '@tanstack/react-table';
import { rowReference } from '../../../shared/image-rows';
import { ChevronRightIcon, TagIcon, TrashIcon, UntagIcon } from '../../ui/icons';
import type { ViewRow } from './image-view';

export interface RowActionLabels {
  tag: string;
  untag: string;
  remove: string;
  select: string;
}

interface ImageRowViewProps {
  row: Row<ViewRow>;
  index: number;
  /** Pixel offset from the virtualizer. */
  top: number;
  selected: boolean;
  focused: boolean;
  detailsLabel: string;
  /** One object for every row (memoised by the table), so rows stay cheap to compare. */
  actionLabels: RowActionLabels;
}

/**
 * Memoised on the image row itself and primitive props: a selection change re-renders only the rows
 * whose `selected` or `focused` flag flipped, and a scroll only the rows that came into view (the
 * table's row wrapper is rebuilt for every slice of the list, the image row it wraps is not).
 */
export const ImageRowView = memo(function ImageRowView({ row, index, top, selected, focused, detailsLabel, actionLabels }: ImageRowViewProps) {
  const image = row.original;
  const tagged = image.tag !== '<none>';
  return (
    <div
      role="row"
      className={`grid-row${selected ? ' is-selected' : ''}${focused ? ' is-focused' : ''}${image.tag === '<none>' ? ' is-untagged' : ''}`}
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-testid="image-row"
      data-row-key={image.key}
      data-repository={image.repository}
      data-tag={image.tag}
      data-image-id={image.imageId}
      data-dangling={image.dangling ? 'true' : 'false'}
      data-selected={selected ? 'true' : 'false'}
      data-focused={focused ? 'true' : 'false'}
      style={{ transform: `translateY(${top}px)` }}
    >
      <div role="gridcell" className="grid-cell col-select">
        {/* A click on the checkbox is handled by the table (data-action), like every row control. */}
        <input type="checkbox" className="row-check" data-testid="row-check" data-action="select" aria-label={actionLabels.select} checked={selected} readOnly tabIndex={-1} />
      </div>
      {row.getVisibleCells().map((cell) => (
        <div key={cell.column.id} role="gridcell" className={`grid-cell ${cell.column.columnDef.meta?.className ?? ''}`}>
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </div>
      ))}
      {/* A column of their own, shown on hover and on the selected row, so they never cover a value.
          Out of the tab order like the open button: the keyboard has `t`, Delete and the details panel. */}
      <div role="gridcell" className="grid-cell col-actions row-actions">
        <button type="button" className="icon-button row-action" data-testid="action-tag" data-action="tag" title={actionLabels.tag} aria-label={actionLabels.tag} tabIndex={-1}>
          <TagIcon size={14} />
        </button>
        {tagged && (
          <button type="button" className="icon-button row-action" data-testid="action-untag" data-action="untag" data-ref={rowReference(image)} title={actionLabels.untag} aria-label={actionLabels.untag} tabIndex={-1}>
            <UntagIcon size={14} />
          </button>
        )}
        <button type="button" className="icon-button row-action row-action-danger" data-testid="action-remove" data-action="remove" title={actionLabels.remove} aria-label={actionLabels.remove} tabIndex={-1}>
          <TrashIcon size={14} />
        </button>
      </div>
      <div role="gridcell" className="grid-cell col-open">
        <button type="button" className="icon-button row-open" data-testid="row-open-details" data-action="open" title={detailsLabel} aria-label={detailsLabel} tabIndex={-1}>
          <ChevronRightIcon />
        </button>
      </div>
    </div>
  );
}, sameRow);

function sameRow(a: ImageRowViewProps, b: ImageRowViewProps): boolean {
  return (
    a.row.original === b.row.original &&
    a.index === b.index &&
    a.top === b.top &&
    a.selected === b.selected &&
    a.focused === b.focused &&
    a.detailsLabel === b.detailsLabel &&
    a.actionLabels === b.actionLabels
  );
}
