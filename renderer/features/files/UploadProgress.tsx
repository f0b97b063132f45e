import { useTranslation } from 'react-i18next';
import { formatSize } from '../../../shared/format';

/**
 * A browser's file on its way to the web host, counted by the browser as it sends: the host's own
 * upload job only becomes known once the last byte is through.
 */
export function UploadProgress({ fileName, sent, total, onStop }: { fileName: string; sent: number; total: number; onStop(): void }) {
  const { t } = useTranslation();
  const fraction = total > 0 ? Math.min(1, sent / total) : null;
  return (
    <div className="job-dialog-upload" data-testid="import-uploading" data-sent={sent}>
      <div className="job-dialog-upload-head">
        <span>{t('importDialog.uploading', { file: fileName })}</span>
        <button type="button" className="button button-small" data-testid="import-stop-upload" onClick={onStop}>
          {t('importDialog.stopUpload')}
        </button>
      </div>
      <div
        className={`job-dialog-bar${fraction === null ? ' is-indeterminate' : ''}`}
        role="progressbar"
        aria-label={t('importDialog.uploading', { file: fileName })}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
      >
        <div className="job-dialog-bar-fill" style={fraction === null ? undefined : { width: `${(fraction * 100).toFixed(1)}%` }} />
      </div>
      <span className="field-note">{t('importDialog.uploadAmount', { sent: formatSize(sent), total: formatSize(total) })}</span>
    </div>
  );
}
