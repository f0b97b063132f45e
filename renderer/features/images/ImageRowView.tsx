import { memo } from 'react';
import { flexRender, type Row } from '@tanstack/react-table';
import type { ImageRow } from '../../../shared/image-types';
import { ChevronRightIcon } from '../../ui/icons';

interface ImageRowViewProps {
  row: Row<ImageRow>;
  index: number;
  /** Pixel offset from the virtualizer. */
  top: number;
  selected: boolean;
  focused: boolean;
  detailsLabel: string;
}

/**
 * Memoised on primitive props: a selection change re-renders only the rows whose `selected` or
 * `focused` flag flipped, not every visible row.
 */
export const ImageRowView = memo(function ImageRowView({ row, index, top, selected, focused, detailsLabel }: ImageRowViewProps) {
  const image = row.original;
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
      {row.getVisibleCells().map((cell) => (
        <div key={cell.id} role="gridcell" className={`grid-cell ${cell.column.columnDef.meta?.className ?? ''}`}>
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </div>
      ))}
      <div role="gridcell" className="grid-cell col-open">
        <button type="button" className="icon-button row-open" data-testid="row-open-details" data-action="open" title={detailsLabel} aria-label={detailsLabel} tabIndex={-1}>
          <ChevronRightIcon />
        </button>
      </div>
    </div>
  );
});
