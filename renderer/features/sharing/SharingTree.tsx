import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SharingImage, SharingGroup } from '../../../shared/sharing-types';
import { ChevronDownIcon, ChevronRightIcon, LayersIcon } from '../../ui/icons';
import { Size } from '../../ui/Size';
import { useLayers } from '../layers/layers-store';
import { ImageName } from './ImageName';
import { allNames, buildersAbove, imageLabel, visibleGroups } from './sharing-rows';
import { useSharingView } from './sharing-store';

const INDENT = 18;

function ImageChip({ image }: { image: SharingImage }) {
  const { t } = useTranslation();
  const label = imageLabel(image);
  return (
    <button
      type="button"
      className={`sharing-chip${image.names.length === 0 ? ' mono' : ''}`}
      data-testid="sharing-chip"
      data-image-id={image.id}
      title={t('sharing.tree.openTitle', { name: allNames(image) })}
      onClick={() => useLayers.getState().open(image.names.length > 0 ? imageLabel(image) : image.id)}
    >
      <ImageName name={label} />
      {image.names.length > 1 && <span className="sharing-chip-more">+{image.names.length - 1}</span>}
    </button>
  );
}

function GroupLine({ group, images }: { group: SharingGroup; images: ReadonlyMap<string, SharingImage> }) {
  const { t } = useTranslation();
  const above = buildersAbove(group);
  const own = group.images.flatMap((id) => (images.has(id) ? [images.get(id)!] : []));
  return (
    <>
      <span className="sharing-group-facts">
        <LayersIcon size={12} />
        {t('sharing.tree.layers', { count: group.layers })} · <Size bytes={group.bytes} />
      </span>
      <span className="sharing-group-images">
        {own.length > 0 ? own.map((image) => <ImageChip key={image.id} image={image} />) : <span className="muted">{t('sharing.tree.noImage')}</span>}
      </span>
      {above > 0 && (
        <span className="sharing-group-above" data-testid="sharing-above">
          {t('sharing.tree.above', { count: above })}
        </span>
      )}
    </>
  );
}

/** Images grouped by the runs of layers they start with: base images at the left, what builds on them below. */
export function SharingTree({ roots, images, keep }: { roots: readonly SharingGroup[]; images: ReadonlyMap<string, SharingImage>; keep: (id: string) => boolean }) {
  const { t } = useTranslation();
  const closed = useSharingView((s) => s.closed);
  const toggle = useSharingView((s) => s.toggle);
  const rows = useMemo(() => visibleGroups(roots, closed, keep), [roots, closed, keep]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => 34, overscan: 10 });

  if (rows.length === 0) {
    return (
      <p className="disk-empty" data-testid="sharing-tree-empty">
        {t('sharing.tree.empty')}
      </p>
    );
  }
  return (
    <div className="sharing-tree" ref={scrollRef} role="tree" aria-label={t('sharing.tree.title')} data-testid="sharing-tree">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          const { group } = row;
          return (
            <div
              key={group.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className="sharing-group"
              role="treeitem"
              aria-level={row.depth + 1}
              aria-expanded={row.hasChildren ? row.open : undefined}
              data-testid="sharing-group"
              data-depth={row.depth}
              data-bytes={group.bytes}
              data-layers={group.layers}
              style={{ transform: `translateY(${item.start}px)`, paddingLeft: 8 + row.depth * INDENT }}
            >
              {row.hasChildren ? (
                <button
                  type="button"
                  className="icon-button sharing-toggle"
                  data-testid="sharing-toggle"
                  aria-label={t(row.open ? 'sharing.tree.collapse' : 'sharing.tree.expand')}
                  onClick={() => toggle(group.key)}
                >
                  {row.open ? <ChevronDownIcon size={14} /> : <ChevronRightIcon size={14} />}
                </button>
              ) : (
                <span className="sharing-toggle" />
              )}
              <GroupLine group={group} images={images} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
