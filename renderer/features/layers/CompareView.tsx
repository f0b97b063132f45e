import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StevedoreError } from '../../../shared/errors';
import { formatBytesExact, formatSize } from '../../../shared/format';
import type { ImageCompare, LayerAnalysis } from '../../../shared/layer-types';
import { api } from '../../api/client';
import { toStevedoreError } from '../../api/errors';
import { useImages } from '../../stores/images-store';
import { InlineError } from '../../ui/InlineError';
import { SearchBox } from '../../ui/SearchBox';
import { useJob } from '../files/use-job';
import { JobProgress } from '../files/JobProgress';
import { compareChoices, filterChoices } from './compare-choices';
import { useLayers } from './layers-store';

/** Past this many images to pick from, a filter narrows the list. */
const PICK_FILTER_FROM = 8;

/** This image against another: the layers they share, then every path whose final state differs. */
export function CompareView({ analysis, repository }: { analysis: LayerAnalysis; repository: string | null }) {
  const { t } = useTranslation();
  const rows = useImages((s) => s.rows);
  const baseId = useLayers((s) => s.base?.imageId ?? null);
  const choices = useMemo(() => compareChoices(rows, analysis.imageId, repository, baseId), [rows, analysis.imageId, repository, baseId]);
  const [other, setOther] = useState('');
  const [pick, setPick] = useState('');
  const visible = useMemo(() => filterChoices(choices, pick), [choices, pick]);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);
  const [result, setResult] = useState<ImageCompare | null>(null);
  const [error, setError] = useState<StevedoreError | null>(null);
  const chosen = (other && visible.some((c) => c.ref === other) ? other : visible[0]?.ref) ?? '';
  const [comparedWith, setComparedWith] = useState('');
  const [otherAnalysis, setOtherAnalysis] = useState<LayerAnalysis | null>(null);
  /** false: from the other image to this one ("added" = only here); true: the other way round. */
  const [reversed, setReversed] = useState(false);
  const [filter, setFilter] = useState('');

  const start = async () => {
    setResult(null);
    setError(null);
    try {
      const { jobId: id } = await api.call('layers.analyse', { ref: chosen, platform: null });
      setComparedWith(chosen);
      setJobId(id);
    } catch (err) {
      setError(toStevedoreError(err));
    }
  };

  // The other image's analysis ended: compare once, then the job is no longer ours to watch.
  useEffect(() => {
    if (job?.state !== 'done') return;
    const b = job.result as LayerAnalysis;
    let current = true;
    api
      // From the other image to this one: "added" is what this image has that the other lacks.
      .call('layers.compare', { a: { imageId: b.imageId, platform: b.platform }, b: { imageId: analysis.imageId, platform: analysis.platform } })
      .then(
        (r) => {
          if (!current) return;
          setResult(r);
          setOtherAnalysis(b);
          setReversed(false);
        },
        (err: unknown) => current && setError(toStevedoreError(err)),
      )
      .finally(() => current && setJobId(null));
    return () => {
      current = false;
    };
  }, [job, analysis.imageId, analysis.platform]);

  const swap = () => {
    if (!otherAnalysis) return;
    const self = { imageId: analysis.imageId, platform: analysis.platform };
    const them = { imageId: otherAnalysis.imageId, platform: otherAnalysis.platform };
    const next = !reversed;
    api.call('layers.compare', next ? { a: self, b: them } : { a: them, b: self }).then(
      (r) => {
        setResult(r);
        setReversed(next);
      },
      (err: unknown) => setError(toStevedoreError(err)),
    );
  };
  const needle = filter.trim().replace(/^\/+/, '').toLowerCase();
  const shown = result ? (needle ? result.changes.filter((c) => c.path.toLowerCase().includes(needle)) : result.changes) : [];
  const [fromName, toName] = reversed ? [t('insight.compare.thisImage'), comparedWith] : [comparedWith, t('insight.compare.thisImage')];

  return (
    <div className="compare" data-testid="compare">
      <div className="compare-pick">
        <label className="field-label" htmlFor="compare-other">
          {t('insight.compare.with')}
        </label>
        {choices.length > PICK_FILTER_FROM && (
          <SearchBox value={pick} onChange={setPick} placeholder={t('insight.compare.pickFilter')} label={t('insight.compare.pickFilter')} testId="compare-pick-filter" className="compare-pick-filter" />
        )}
        <select id="compare-other" className="select" value={chosen} onChange={(e) => setOther(e.target.value)} data-testid="compare-other" disabled={visible.length === 0}>
          {visible.map((c) => (
            <option key={c.ref} value={c.ref}>
              {c.ref}
            </option>
          ))}
        </select>
        <button type="button" className="button button-primary" onClick={() => void start()} disabled={!chosen || job?.state === 'running'} data-testid="compare-start">
          {t('insight.compare.start')}
        </button>
      </div>
      {choices.length === 0 && <p className="muted">{t('insight.compare.noOther')}</p>}
      {job && job.state !== 'done' && <JobProgress job={job} failedHeading={t('insight.compare.failed')} />}
      {error && <InlineError heading={t('insight.compare.failed')} error={error} testId="compare-error" />}
      {result && (
        <div data-testid="compare-result">
          <p className="compare-summary" data-testid="compare-summary">
            {t('insight.compare.summary', { shared: result.sharedLayers, onlyThis: reversed ? result.onlyA.length : result.onlyB.length, onlyOther: reversed ? result.onlyB.length : result.onlyA.length, other: comparedWith })}
          </p>
          <div className="compare-direction">
            <p className="field-note" data-testid="compare-direction">
              {t('insight.compare.direction', { from: fromName, to: toName })}
            </p>
            <button type="button" className="button button-small" onClick={swap} data-testid="compare-swap">
              {t('insight.compare.swap')}
            </button>
          </div>
          <p className="compare-summary">
            <span className="change-added">+{formatSize(result.addedBytes)}</span> <span className="change-removed">−{formatSize(result.removedBytes)}</span>{' '}
            <span className="muted">{t('insight.compare.changes', { count: result.totalChanges })}</span>
          </p>
          {result.totalChanges > result.changes.length && <p className="muted">{t('insight.compare.more', { shown: result.changes.length, count: result.totalChanges })}</p>}
          {result.changes.length > 0 && (
            <SearchBox value={filter} onChange={setFilter} placeholder={t('insight.files.filterPlaceholder')} label={t('insight.files.filterLabel')} testId="compare-filter" />
          )}
          {shown.length > 0 && (
            <table className="wasted-table" data-testid="compare-table">
              <thead>
                <tr>
                  <th>{t('insight.files.change')}</th>
                  <th>{t('insight.wasted.path')}</th>
                  <th className="num" title={fromName}>
                    {reversed ? t('insight.compare.sizeThis') : t('insight.compare.sizeOther')}
                  </th>
                  <th className="num" title={toName}>
                    {reversed ? t('insight.compare.sizeOther') : t('insight.compare.sizeThis')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((c) => (
                  <tr key={c.path} data-testid="compare-row" data-path={c.path} data-change={c.change}>
                    <td>
                      <span className={`change-badge change-${c.change}`}>{t(`insight.change.${c.change}`)}</span>
                    </td>
                    <td className="mono wasted-path">/{c.path}</td>
                    <td className="num" title={c.sizeA === null ? '' : formatBytesExact(c.sizeA)}>
                      {c.sizeA === null ? '—' : formatSize(c.sizeA)}
                    </td>
                    <td className="num" title={c.sizeB === null ? '' : formatBytesExact(c.sizeB)}>
                      {c.sizeB === null ? '—' : formatSize(c.sizeB)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </div>
  );
}
