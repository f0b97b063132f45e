import { useTranslation } from 'react-i18next';
import { formatSize } from '../../../shared/format';
import { InlineError } from '../../ui/InlineError';
import { Spinner } from '../../ui/Spinner';
import { JobProgress } from './JobProgress';
import { looksLikeFilesystem, type LoadItem } from './load-items';
import { useJob } from './use-job';

/** The head of one file's card: its name and size, and where it is on the way to the engine. */
export function LoadItemStatus({ item, sent, onImport }: { item: LoadItem; sent: number; onImport(): void }) {
  const { t } = useTranslation();
  const job = useJob(item.loadJobId);
  const size = item.file.bytes >= 0 ? formatSize(item.file.bytes) : item.preview ? formatSize(item.preview.fileBytes) : '';
  return (
    <div className="load-item-head">
      <div className="load-item-title">
        <strong className="mono">{item.file.name}</strong>
        {size && <span className="muted"> · {size}</span>}
      </div>
      {item.stage === 'uploading' && (
        <p className="load-item-stage">
          <Spinner size={12} /> {t('files.load.uploading', { sent: formatSize(sent), total: formatSize(item.file.bytes) })}
        </p>
      )}
      {item.stage === 'reading' && (
        <p className="load-item-stage">
          <Spinner size={12} /> {t('files.load.reading')}
        </p>
      )}
      {item.stage === 'failed' && item.error && (
        <>
          <InlineError heading={t('files.load.cannot', { file: item.file.name })} error={item.error} testId="load-item-error" />
          {looksLikeFilesystem(item.error) && (
            <button type="button" className="button button-small" data-testid="load-import-instead" onClick={onImport}>
              {t('files.load.importInstead')}
            </button>
          )}
        </>
      )}
      {item.stage === 'loading' && job && <JobProgress job={job} failedHeading={t('files.load.failed', { file: item.file.name })} />}
    </div>
  );
}
