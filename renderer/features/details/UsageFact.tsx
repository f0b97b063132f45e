import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describe-error';
import { useUsage } from '../../stores/usage-store';
import { CommandHint } from '../../ui/CommandHint';
import { Size } from '../../ui/Size';
import { Spinner } from '../../ui/Spinner';
import { useStoreKind } from '../../stores/engine-store';
import { lead } from '../../i18n/lead';

/** What removing this image alone would free, and what it shares — on request, since the engine is slow to say. */
export function UsageFact({ imageId }: { imageId: string }) {
  const { t, i18n } = useTranslation();
  const { jobId, byId, error, start, cancel } = useUsage();
  const store = useStoreKind();
  const usage = byId?.get(imageId);
  if (jobId) {
    return (
      <span className="usage-fact" data-testid="usage-running">
        <Spinner label={t('overview.usageComputing')} /> {t('overview.usageComputing')}{' '}
        <button type="button" className="button button-small" data-testid="usage-cancel" onClick={() => void cancel()}>
          {t('overview.usageCancel')}
        </button>
      </span>
    );
  }
  if (usage) {
    return (
      <span className="usage-fact" data-testid="usage-result">
        <span data-testid="usage-unique" data-bytes={usage.uniqueSize}>
          {lead(t(store === 'containerd' ? 'overview.usageUniqueContainerd' : 'overview.usageUnique'))}
          <strong><Size bytes={usage.uniqueSize} /></strong>
        </span>
        {' · '}
        <span data-testid="usage-shared" data-bytes={usage.sharedSize}>
          {lead(t('overview.usageShared'))}
          <Size bytes={usage.sharedSize} />
        </span>
        {store === 'containerd' && <span className="muted fact-note">{t('overview.usageNoteContainerd')}</span>}
        <CommandHint command="docker system df -v" />
      </span>
    );
  }
  return (
    <span className="usage-fact">
      <button type="button" className="button button-small" data-testid="usage-compute" onClick={() => void start()}>
        {t('overview.usageCompute')}
      </button>
      {byId && <span className="muted"> {t('overview.usageNotListed')}</span>}
      {error && <span className="muted" role="alert"> {describeError(i18n, error).title}</span>}
    </span>
  );
}
