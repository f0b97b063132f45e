import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageContentFacts, ImageDetails } from '../../../shared/image-types';
import { api } from '../../api/client';
import { useStoreKind } from '../../stores/engine-store';
import type { ImageStore } from '../../../shared/engine-types';
import { Size } from '../../ui/Size';
import { lead } from '../../i18n/lead';


/** The image's content facts on the containerd store, read once per image (the backend caches by ID). */
export function useContent(imageId: string, store: ImageStore['kind'] | null): ImageContentFacts | null {
  const [facts, setFacts] = useState<{ id: string; value: ImageContentFacts } | null>(null);
  useEffect(() => {
    if (store !== 'containerd') return;
    let live = true;
    api.call('images.content', { ref: imageId }).then(
      (value) => live && setFacts({ id: imageId, value }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [imageId, store]);
  return facts?.id === imageId ? facts.value : null;
}

/**
 * SIZE as the list shows it. On the containerd store that is compressed content plus unpacked
 * snapshots, so both parts are named; on the legacy store it is the unpacked layers.
 */
export function SizeFact({ details, listSize }: { details: ImageDetails; listSize: number | null }) {
  const { t } = useTranslation();
  const store = useStoreKind();
  const content = useContent(details.id, store);
  if (store !== 'containerd') {
    return (
      <span data-testid="overview-size" data-bytes={details.size}>
        <Size bytes={details.size} /> <span className="muted">{t('overview.sizeLegacy')}</span>
      </span>
    );
  }
  const total = listSize ?? details.size;
  const packed = content?.contentBytes ?? details.size;
  return (
    <span data-testid="overview-size" data-bytes={total} data-content-bytes={packed}>
      <Size bytes={total} />{' '}
      <span className="muted">
        {lead(t('overview.sizeOnDisk'))}
        <Size bytes={packed} /> {lead(t('overview.sizePlus'))}
        <Size bytes={Math.max(0, total - packed)} /> {t('overview.sizeUnpacked')}
      </span>
    </span>
  );
}

/** The platforms the image holds: several on the containerd store for a multi-platform index. */
export function PlatformFact({ details }: { details: ImageDetails }) {
  const { t } = useTranslation();
  const store = useStoreKind();
  const content = useContent(details.id, store);
  const own = [details.os, details.architecture, details.variant].filter(Boolean).join('/');
  const platforms = content?.platforms.length ? content.platforms : own ? [own] : [];
  if (platforms.length === 0) return <span className="empty-value">{t('overview.empty')}</span>;
  return (
    <span data-testid="overview-platforms" data-count={platforms.length}>
      <span className="mono">{platforms.join(', ')}</span>
      {platforms.length > 1 && <span className="muted"> {t('overview.platformsIndex', { count: platforms.length, own })}</span>}
    </span>
  );
}
