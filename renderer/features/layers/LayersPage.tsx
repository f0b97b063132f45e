import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatSize, shortId } from '../../../shared/format';
import { layerListCommand } from '../../../shared/layer-commands';
import type { LayerAnalysis } from '../../../shared/layer-types';
import { useImages } from '../../stores/images-store';
import { useNav } from '../../stores/nav-store';
import { CommandHint } from '../../ui/CommandHint';
import { InlineError } from '../../ui/InlineError';
import { Spinner } from '../../ui/Spinner';
import { Tabs, type TabSpec } from '../../ui/Tabs';
import { historyCommand } from '../images/docker-commands';
import { JobProgress } from '../files/JobProgress';
import { useJob } from '../files/use-job';
import { CompareView } from './CompareView';
import { FileTree } from './FileTree';
import { LayerList } from './LayerList';
import { useLayers, type InsightTab } from './layers-store';
import { WastedView } from './WastedView';

/** `nginx:1.27` → `nginx`; an ID or a digest reference has no repository to offer siblings from. */
function repositoryOf(ref: string): string | null {
  if (ref.startsWith('sha256:') || ref.includes('@')) return null;
  const colon = ref.lastIndexOf(':');
  return colon > ref.lastIndexOf('/') ? ref.slice(0, colon) : ref;
}

function Body({ analysis, tab }: { analysis: LayerAnalysis; tab: InsightTab }) {
  const { t } = useTranslation();
  const ref = useLayers((s) => s.ref)!;
  const layer = useLayers((s) => s.layer);
  const base = useLayers((s) => s.base);
  const tabs: TabSpec<InsightTab>[] = [
    { key: 'files', testId: 'insight-tab-files', label: t('insight.tabs.files', { layer: layer + 1 }) },
    { key: 'wasted', testId: 'insight-tab-wasted', label: t('insight.tabs.wasted', { size: formatSize(analysis.wasted.avoidableBytes) }) },
    { key: 'compare', testId: 'insight-tab-compare', label: t('insight.tabs.compare') },
  ];
  return (
    <div className="insight-body">
      <section className="insight-side" aria-label={t('insight.layers.label')}>
        <p className="insight-side-summary muted">{t('insight.layers.summary', { layers: analysis.layers.length, files: analysis.files.toLocaleString(), size: formatSize(analysis.fileBytes) })}</p>
        <LayerList analysis={analysis} base={base} selected={layer} onSelect={(l) => useLayers.getState().select(l)} />
        <CommandHint command={historyCommand(ref)} />
      </section>
      <section className="insight-main">
        <Tabs tabs={tabs} active={tab} onChange={(k) => useLayers.getState().setTab(k)} label={t('insight.tabs.label')} idPrefix="insight" />
        <div className="insight-panel" role="tabpanel" id={`insight-panel-${tab}`} aria-labelledby={`insight-tab-${tab}`}>
          {tab === 'files' && <FileTree key={`${analysis.imageId}|${analysis.platform ?? ''}`} imageId={analysis.imageId} platform={analysis.platform} layer={layer} />}
          {tab === 'wasted' && <WastedView analysis={analysis} />}
          {tab === 'compare' && <CompareView analysis={analysis} repository={repositoryOf(ref)} />}
        </div>
      </section>
    </div>
  );
}

/** One image's layers: the history as a stack, each layer's files, the space wasted, and a comparison. */
export function LayersPage() {
  const { t } = useTranslation();
  const { ref, jobId, analysis, error, cancelled, tab, platform } = useLayers();
  const previous = useNav((s) => s.previous);
  const backTo = previous === 'layers' ? 'images' : previous;
  const job = useJob(jobId);
  // Removed from the engine while open (here or elsewhere): what is shown was read before.
  const gone = useImages((s) => analysis !== null && s.status === 'ready' && !s.summaries.some((x) => x.id === analysis.imageId));
  // Reached through the browser's history after a reload: no image is chosen, so the list instead.
  useEffect(() => {
    if (!ref) useNav.getState().redirect('images');
  }, [ref]);
  if (!ref) return null;
  const platforms = analysis?.platforms ?? [];
  return (
    <div className="insight" data-testid="insight">
      <div className="insight-header">
        <button type="button" className="button button-small" onClick={() => useNav.getState().back()} data-testid="insight-back">
          ← {t(`nav.${backTo}`)}
        </button>
        <h2 className="insight-title mono" title={ref}>
          {ref}
        </h2>
        {analysis && (
          <span className="muted mono" title={analysis.imageId}>
            {shortId(analysis.imageId)}
          </span>
        )}
        {platforms.length > 1 && (
          <label className="insight-platform">
            <span>{t('insight.platform')}</span>
            <select className="select" value={platform ?? ''} onChange={(e) => void useLayers.getState().analyse(e.target.value)} data-testid="insight-platform" disabled={jobId !== null}>
              {platforms.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="insight-spacer" />
        <CommandHint command={layerListCommand(ref)} />
      </div>
      {gone && (
        <p className="disk-inline-error insight-gone" role="status" data-testid="insight-gone">
          {t('insight.gone')}
        </p>
      )}
      {error && (
        <div className="insight-state">
          <InlineError heading={t('insight.failed')} error={error} testId="insight-error" />
          <button type="button" className="button" onClick={() => void useLayers.getState().analyse(platform)}>
            {t('insight.retry')}
          </button>
        </div>
      )}
      {cancelled && jobId === null && (
        <div className="insight-state" data-testid="insight-cancelled">
          <p>{t('insight.cancelled')}</p>
          <button type="button" className="button" onClick={() => void useLayers.getState().analyse(platform)}>
            {t('insight.readAgain')}
          </button>
        </div>
      )}
      {!error && jobId !== null && (
        <div className="insight-state" data-testid="insight-reading">
          <p>{t('insight.reading')}</p>
          {/* The task's own row carries Cancel: one button for it, not two. */}
          {job ? <JobProgress job={job} failedHeading={t('insight.failed')} onPage /> : <Spinner size={20} label={t('insight.reading')} />}
        </div>
      )}
      {!error && jobId === null && analysis && <Body analysis={analysis} tab={tab} />}
    </div>
  );
}
