import { listOf } from '../../i18n/lead';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry, ImageDetails } from '../../../shared/image-types';
import { useContent } from './StoreFacts';
import { useStoreKind } from '../../stores/engine-store';
import { formatBytesExact, formatSize, shortId } from '../../../shared/format';
import { exactDateTime, relativeTime } from '../../i18n/relative-time';
import { useClock } from '../../ui/clock-store';

/** A multi-platform image's history is that of one platform: say which, and what else it holds. */
function PlatformNote({ details }: { details: ImageDetails }) {
  const { t, i18n } = useTranslation();
  const content = useContent(details.id, useStoreKind());
  const own = [details.os, details.architecture, details.variant].filter(Boolean).join('/');
  const others = (content?.platforms ?? []).filter((p) => p !== own);
  if (others.length === 0) return null;
  return (
    <p className="muted layers-platform" data-testid="layers-platform">
      {t('layers.platformNote', { own, others: listOf(others, i18n.language) })}
    </p>
  );
}

/** `docker history --no-trunc`, newest first as the engine returns it, with sizes drawn to scale. */
export function LayersTab({ history, details }: { history: HistoryEntry[]; details: ImageDetails }) {
  const { t, i18n } = useTranslation();
  const now = useClock((s) => s.now);
  const { biggest, layers, total } = useMemo(
    () => ({
      biggest: Math.max(1, ...history.map((h) => h.size)),
      layers: history.filter((h) => !h.emptyLayer).length,
      total: history.reduce((sum, h) => sum + h.size, 0),
    }),
    [history],
  );
  if (history.length === 0) return <p className="muted">{t('layers.empty')}</p>;
  return (
    <div className="layers">
      <p className="layers-summary">{[t('layers.entries', { count: history.length }), t('layers.layerCount', { count: layers }), formatSize(total)].join(' · ')}</p>
      <PlatformNote details={details} />
      <ol className="layer-list">
        {history.map((entry, i) => {
          const ms = entry.created * 1000;
          const missing = entry.id === '<missing>';
          return (
            <li key={`${entry.id}-${i}`} className={`layer-row${entry.emptyLayer ? ' is-empty-layer' : ''}`} data-testid="layer-row" data-empty-layer={entry.emptyLayer ? 'true' : 'false'}>
              <div className="layer-meta">
                <span className="layer-size" title={formatBytesExact(entry.size)}>
                  {formatSize(entry.size)}
                </span>
                <span className="layer-bar" aria-hidden="true">
                  <span className="layer-bar-fill" style={{ width: `${entry.size > 0 ? Math.max(1.5, (entry.size / biggest) * 100) : 0}%` }} />
                </span>
                {entry.emptyLayer && (
                  <span className="badge badge-muted" title={t('layers.metadataOnlyTitle')}>
                    {t('layers.metadataOnly')}
                  </span>
                )}
                <span className="layer-spacer" />
                <span className="mono layer-id" title={missing ? t('layers.missing') : entry.id}>
                  {missing ? entry.id : shortId(entry.id)}
                </span>
                <span className="layer-created" title={exactDateTime(i18n.language, ms)}>
                  {relativeTime(t, ms, now)}
                </span>
              </div>
              <pre className="layer-command">{entry.createdBy || '—'}</pre>
              {entry.tags.length > 0 && <div className="layer-tags mono">{entry.tags.join(', ')}</div>}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
