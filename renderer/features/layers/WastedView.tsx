import { useTranslation } from 'react-i18next';
import { formatBytesExact, formatSize } from '../../../shared/format';
import type { LayerAnalysis } from '../../../shared/layer-types';
import { wasteReason } from './layer-text';
import { useLayers } from './layers-store';

/** Bytes carried for nothing: ours (what a build could avoid) first, dive's figures beside for comparison. */
export function WastedView({ analysis }: { analysis: LayerAnalysis }) {
  const { t } = useTranslation();
  const { wasted } = analysis;
  // A folder row stands for several paths.
  const listedPaths = wasted.paths.reduce((sum, p) => sum + p.files, 0);
  const share = analysis.fileBytes + wasted.avoidableBytes > 0 ? wasted.avoidableBytes / (analysis.fileBytes + wasted.avoidableBytes) : 0;
  return (
    <div className="wasted" data-testid="wasted">
      <div className="wasted-figures">
        <div className="wasted-figure" data-testid="wasted-avoidable">
          <span className="wasted-label">{t('insight.wasted.avoidable')}</span>
          <strong title={formatBytesExact(wasted.avoidableBytes)}>{formatSize(wasted.avoidableBytes)}</strong>
          <span className="muted">{t('insight.wasted.avoidableNote', { percent: (share * 100).toFixed(1), count: wasted.pathCount })}</span>
        </div>
        <div className="wasted-figure wasted-dive" data-testid="wasted-dive">
          <span className="wasted-label">{t('insight.wasted.dive')}</span>
          <strong title={formatBytesExact(wasted.dive.wastedBytes)}>{formatSize(wasted.dive.wastedBytes)}</strong>
          <span className="muted">{t('insight.wasted.efficiency', { percent: (wasted.dive.efficiency * 100).toFixed(2) })}</span>
        </div>
      </div>
      <p className="field-note">{t('insight.wasted.explain')}</p>
      {wasted.paths.length === 0 ? (
        <p className="muted" data-testid="wasted-none">
          {t('insight.wasted.none')}
        </p>
      ) : (
        <table className="wasted-table" data-testid="wasted-table">
          <thead>
            <tr>
              <th>{t('insight.wasted.path')}</th>
              <th className="num">{t('insight.wasted.avoidableColumn')}</th>
              <th className="num">{t('insight.wasted.diveColumn')}</th>
              <th>{t('insight.wasted.why')}</th>
            </tr>
          </thead>
          <tbody>
            {wasted.paths.map((p) => {
              const reason = wasteReason(p);
              const last = p.events[p.events.length - 1]!.layer;
              const shown = p.files > 1 ? `/${p.path}${p.path ? '/' : ''}` : `/${p.path}`;
              const open = () => useLayers.getState().reveal(last, p.path);
              return (
                <tr key={`${p.path}\0${p.files}\0${reason.values.from}`} data-testid="wasted-row" data-path={p.path} data-files={p.files} className="wasted-row-link">
                  <td className="mono wasted-path" title={t('insight.wasted.showTitle', { path: shown, layer: last + 1 })}>
                    <button type="button" className="link-button" data-testid="wasted-open" onClick={open}>
                      {shown}
                    </button>
                    {p.files > 1 && <span className="wasted-files muted">{t('insight.wasted.files', { count: p.files })}</span>}
                  </td>
                  <td className="num" title={formatBytesExact(p.avoidableBytes)}>
                    {formatSize(p.avoidableBytes)}
                  </td>
                  <td className="num muted" title={formatBytesExact(p.diveBytes)}>
                    {formatSize(p.diveBytes)}
                  </td>
                  <td>{t(`insight.wasted.reasons.${reason.key}`, reason.values)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {listedPaths < wasted.pathCount && <p className="muted">{t('insight.wasted.more', { shown: listedPaths, count: wasted.pathCount })}</p>}
    </div>
  );
}
