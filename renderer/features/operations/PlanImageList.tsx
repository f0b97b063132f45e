import { useStoreKind } from '../../stores/engine-store';
import { useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { shortId } from '../../../shared/format';
import type { DeletedImage } from '../../../shared/removal-types';
import { exactDateTime, relativeTime } from '../../i18n/relative-time';
import { useClock } from '../../ui/clock-store';
import { Size } from '../../ui/Size';
import { groupPlanImages, type PlanGroup } from './plan-groups';
import { PlanImageTags } from './PlanImageTags';

/** Past this many groups the list draws only what is in view. */
const VIRTUAL_FROM = 40;
const NONE: ReadonlySet<string> = new Set();

/** What the bytes freed by one image mean: all of its size, only its own part, or nothing at all. */
function Freed({ size, freed }: { size: number; freed: number }) {
  const { t } = useTranslation();
  // On the containerd store the list's size also counts the unpacked copy, which the figure does not.
  const containerd = useStoreKind() === 'containerd';
  if (freed === 0) {
    return (
      <span className="freed freed-zero" title={t('prune.sharedAllTitle')}>
        <Size bytes={0} /> <span className="freed-note">{t('prune.sharedAllShort')}</span>
      </span>
    );
  }
  return (
    <span className={`freed${freed < size ? ' freed-partial' : ''}`} title={freed < size ? t(containerd ? 'prune.contentOnlyTitle' : 'prune.sharedSomeTitle') : undefined}>
      <Size bytes={freed} />
      {freed < size && <span className="freed-note">{t(containerd ? 'prune.contentOnly' : 'prune.sharedSome')}</span>}
    </span>
  );
}

function ImageLine({ image, testId, parent, maybe }: { image: DeletedImage; testId: string; parent?: boolean; maybe: boolean }) {
  const { t, i18n } = useTranslation();
  const now = useClock((s) => s.now);
  return (
    <div className={`plan-line${parent ? ' is-parent' : ''}${image.freedBytes === 0 ? ' is-shared' : ''}`} data-testid={testId} data-image-id={image.id} data-freed-bytes={image.freedBytes} data-maybe={maybe ? 'true' : undefined} role="row">
      <span className="mono plan-line-id" title={image.id} role="cell">
        {shortId(image.id)}
      </span>
      <span className="plan-line-names" role="cell">
        <PlanImageTags refs={image.tags} prunedWith={image.prunedWith} />
        {maybe && (
          <span className="chip chip-maybe" title={t('plan.mayStayTitle')}>
            {t('plan.mayStay')}
          </span>
        )}
      </span>
      <span className="plan-line-created" title={exactDateTime(i18n.language, image.created * 1000)} role="cell">
        {relativeTime(t, image.created * 1000, now)}
      </span>
      <span className="plan-line-size" role="cell">
        <Size bytes={image.size} />
      </span>
      <span className="plan-line-freed" role="cell">
        {parent ? (
          // The engine frees a parent's layers because its image went: they are counted on that line.
          <span className="freed-note" title={t('plan.countedAboveTitle')}>
            {t('plan.countedAbove')}
          </span>
        ) : (
          <Freed size={image.size} freed={image.freedBytes} />
        )}
      </span>
    </div>
  );
}

/** One image the user asked for, with the untagged parents that go with it folded underneath. */
function Group({ group, testId, maybe }: { group: PlanGroup; testId: string; maybe: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <div className="plan-group" data-testid="plan-group" data-image-id={group.image.id}>
      <ImageLine image={group.image} testId={testId} maybe={maybe.has(group.image.id)} />
      {group.parents.length > 0 && (
        <>
          <button type="button" className="plan-fold" data-testid="plan-fold" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
            {open ? '▾' : '▸'} {t('plan.parents', { count: group.parents.length })}
          </button>
          {open && group.parents.map((p) => <ImageLine key={p.id} image={p} testId={testId} parent maybe={maybe.has(p.id)} />)}
        </>
      )}
    </div>
  );
}

/**
 * The images a preview deletes, as a list that fits its dialog: names wrap instead of widening it,
 * untagged parents fold under the image that takes them along, and long lists are virtualised.
 */
export function PlanImageList({ images, testId, maybe = NONE }: { images: DeletedImage[]; testId: string; maybe?: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const groups = groupPlanImages(images);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = groups.length >= VIRTUAL_FROM;
  const virtualizer = useVirtualizer({
    count: virtual ? groups.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 44,
    overscan: 8,
    getItemKey: (i) => groups[i]?.image.id ?? i,
  });
  const head = (
    <div className="plan-line plan-line-head" role="row">
      <span role="columnheader">{t('images.columnId')}</span>
      <span role="columnheader">{t('prune.columnTags')}</span>
      <span role="columnheader">{t('images.columnCreated')}</span>
      <span role="columnheader" className="plan-line-size">
        {t('images.columnSize')}
      </span>
      <span role="columnheader" className="plan-line-freed">
        {t('prune.columnFreed')}
      </span>
    </div>
  );
  return (
    <div className="plan-images" role="table" data-virtual={virtual ? 'true' : 'false'}>
      {head}
      <div ref={scrollRef} className={`plan-scroll${virtual ? ' is-virtual' : ''}`} data-testid="plan-scroll">
        {virtual ? (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => (
              <div key={item.key} ref={virtualizer.measureElement} data-index={item.index} className="plan-virtual-item" style={{ transform: `translateY(${item.start}px)` }}>
                <Group group={groups[item.index]!} testId={testId} maybe={maybe} />
              </div>
            ))}
          </div>
        ) : (
          groups.map((g) => <Group key={g.image.id} group={g} testId={testId} maybe={maybe} />)
        )}
      </div>
    </div>
  );
}
