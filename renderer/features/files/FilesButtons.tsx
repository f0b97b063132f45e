import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageRow } from '../../../shared/image-types';
import { ARCHIVE_FILTERS, hostFiles } from '../../api/host-files';
import { useFilesDialog } from '../../stores/files-dialog-store';
import { DownloadIcon, UploadIcon } from '../../ui/icons';
import { saveRefs } from './save-refs';

/** Save the selection (or the row under the cursor), and Load or Import files. */
export function FilesButtons({ selectedRows, anchor }: { selectedRows: readonly ImageRow[]; anchor: ImageRow | null }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const subject = selectedRows.length > 0 ? selectedRows : anchor ? [anchor] : [];
  const refs = saveRefs(subject);

  const pickToLoad = async () => {
    if (hostFiles.kind === 'desktop') {
      const files = await hostFiles.chooseOpenPaths(true, ARCHIVE_FILTERS);
      if (files.length > 0) useFilesDialog.getState().open({ kind: 'load', files });
    } else input.current?.click();
  };

  return (
    <>
      <button
        type="button"
        className="button"
        data-testid="save-open"
        disabled={refs.length === 0}
        title={refs.length === 0 ? t('files.save.chooseFirst') : t('files.save.openTitle', { count: refs.length })}
        onClick={() => useFilesDialog.getState().open({ kind: 'save', refs })}
      >
        <DownloadIcon />
        <span>{t('files.save.open')}</span>
      </button>
      <button type="button" className="button" data-testid="load-open" title={t('files.load.openTitle')} onClick={() => void pickToLoad()}>
        <UploadIcon />
        <span>{t('files.load.open')}</span>
      </button>
      <button type="button" className="button" data-testid="import-open" title={t('files.import.openTitle')} onClick={() => useFilesDialog.getState().open({ kind: 'import', file: null })}>
        <span>{t('files.import.open')}</span>
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="load-input"
        accept=".tar,.gz,.tgz,.zst,.tzst,application/x-tar,application/gzip,application/zstd"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])].map((f) => hostFiles.pick(f));
          e.target.value = '';
          if (files.length > 0) useFilesDialog.getState().open({ kind: 'load', files });
        }}
      />
    </>
  );
}
