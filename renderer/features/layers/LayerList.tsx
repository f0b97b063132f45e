import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLayers } from './layers-store';
import { formatBytesExact, formatSize, shortId } from '../../../shared/format';
import type { BaseImage, HistoryStep, LayerAnalysis } from '../../../shared/layer-types';
import { exactDateTime, relativeTime } from '../../i18n/relative-time';
import { useClock } from '../../ui/clock-store';
import { cleanCommand } from './layer-text';

/** The config history bottom-up: one row per layer, with its bar; metadata-only steps as quiet lines between. */
export function LayerList({ analysis, base, selected, onSelect }: { analysis: LayerAnalysis; base: BaseImage | null; selected: number; onSelect(layer: number): void }) {
  const { t, i18n } = useTranslation();
  const now = useClock((s) => s.now);
  const selectedRef = useRef<HTMLButtonElement>(null);
  // The top layer is selected on open, and on a long history it is below the fold.
  useEffect(() => {
    selectedRef.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  // Opened from the details with the keyboard: the layers take the focus, so arrows work at once.
  useEffect(() => {
    selectedRef.current?.focus({ preventScroll: true });
  }, []);
  const onKeyDown = (event: KeyboardEvent<HTMLOListElement>) => {
    const step = { ArrowDown: 1, ArrowUp: -1, Home: -selected, End: analysis.layers.length - 1 - selected }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const next = Math.min(analysis.layers.length - 1, Math.max(0, selected + step));
    onSelect(next);
    // The button of the next layer exists already; focus follows the selection.
    requestAnimationFrame(() => selectedRef.current?.focus({ preventScroll: true }));
  };
  const biggest = Math.max(1, ...analysis.layers.map((l) => l.writtenBytes));
  const historyBytes = useLayers((s) => s.historySizes);
  // Layers the history does not describe (hand-made or squashed images) still get a row.
  const described = new Set(analysis.history.flatMap((h) => (h.layer === null ? [] : [h.layer])));
  const steps: HistoryStep[] = [...analysis.history, ...analysis.layers.filter((l) => !described.has(l.index)).map((l) => ({ createdBy: '', created: null, comment: null, layer: l.index }))];
  return (
    <ol className="insight-layers" data-testid="insight-layers" aria-label={t('insight.layers.label')} onKeyDown={onKeyDown}>
      {steps.map((step, i) => {
        const when = step.created ? Date.parse(step.created) : NaN;
        const command = cleanCommand(step.createdBy) || t('insight.layers.noCommand');
        if (step.layer === null) {
          return (
            <li key={`meta-${i}`} className="insight-meta" data-testid="insight-meta" title={step.createdBy}>
              <span className="badge badge-muted">{t('layers.metadataOnly')}</span>
              <span className="mono insight-meta-command">{command}</span>
            </li>
          );
        }
        const layer = analysis.layers[step.layer]!;
        const isSelected = layer.index === selected;
        const inBase = base !== null && layer.index < base.layers;
        const baseName = base?.name ?? shortId(base?.imageId ?? '');
        return (
          <li key={`layer-${layer.index}`} className={inBase ? 'is-base' : undefined} data-base={inBase ? 'true' : undefined}>
            {inBase && layer.index === 0 && (
              <p className="insight-base" data-testid="insight-base" title={base.imageId}>
                {t(base.whole ? 'insight.layers.base' : 'insight.layers.sharedBase', { name: baseName, count: base.layers })}
              </p>
            )}
            <button type="button" ref={isSelected ? selectedRef : undefined} className={`insight-layer${isSelected ? ' is-selected' : ''}`} aria-pressed={isSelected} data-testid="insight-layer" data-layer={layer.index} onClick={() => onSelect(layer.index)}>
              <span className="insight-layer-top">
                <span className="insight-layer-number">{layer.index + 1}</span>
                <span
                  className="insight-layer-size"
                  data-history-bytes={historyBytes?.[layer.index]}
                  title={[t('insight.layers.sizeTitle', { size: formatBytesExact(layer.writtenBytes) }), historyBytes ? t('insight.layers.historySize', { size: formatSize(historyBytes[layer.index] ?? 0) }) : null].filter(Boolean).join('\n')}
                >
                  {formatSize(layer.writtenBytes)}
                </span>
                <span className="layer-bar" aria-hidden="true">
                  <span className="layer-bar-fill" style={{ width: `${layer.writtenBytes > 0 ? Math.max(1.5, (layer.writtenBytes / biggest) * 100) : 0}%` }} />
                </span>
                <span className="insight-layer-counts">
                  {layer.added > 0 && <span className="change-added">+{layer.added.toLocaleString()}</span>}
                  {layer.modified > 0 && <span className="change-modified">~{layer.modified.toLocaleString()}</span>}
                  {layer.removed > 0 && <span className="change-removed">−{layer.removed.toLocaleString()}</span>}
                </span>
              </span>
              <span className="insight-layer-command mono" title={step.createdBy}>
                {command}
              </span>
              <span className="insight-layer-facts muted">
                <span className="mono" title={layer.diffId}>
                  {shortId(layer.diffId)}
                </span>
                {!Number.isNaN(when) && <span title={exactDateTime(i18n.language, when)}>{relativeTime(t, when, now)}</span>}
              </span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
