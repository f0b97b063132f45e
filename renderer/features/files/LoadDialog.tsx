import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadCommand } from '../../../shared/file-commands';
import { api } from '../../api/client';
import { toStevedoreError } from '../../api/errors';
import { hostFiles } from '../../api/host-files';
import { useFilesDialog } from '../../stores/files-dialog-store';
import { CommandHint } from '../../ui/CommandHint';
import { Dialog } from '../../ui/Dialog';
import { Spinner } from '../../ui/Spinner';
import { ArchivePreviewView } from './ArchivePreviewView';
import { headProblem, headVerdict, loadSummary, looksLikeFilesystem, newItem, type LoadItem } from './load-items';
import { LoadItemStatus } from './LoadItemStatus';
import type { PickedFile } from '../../api/host-files';

/**
 * `docker load -i`, for every dropped or picked file: each is read through first (copied to the web
 * host before that), and what it holds is shown — names, platforms, size, the local names it would
 * take over — before anything reaches the engine.
 */
export function LoadDialog({ files, onClose }: { files: PickedFile[]; onClose(): void }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<LoadItem[]>(() => files.map(newItem));
  const [sent, setSent] = useState<Record<number, number>>({});
  const started = useRef(new Set<number>());
  const uploads = useRef(new AbortController());
  const patch = useCallback((index: number, change: Partial<LoadItem>) => setItems((all) => all.map((it, i) => (i === index ? { ...it, ...change } : it))), []);

  useEffect(() => {
    items.forEach((item, index) => {
      const key = index * 10 + (item.stage === 'uploading' ? 1 : 2);
      if (started.current.has(key)) return;
      if (item.stage === 'uploading' && item.file.kind === 'upload-needed') {
        started.current.add(key);
        const file = item.file;
        void file.file
          .slice(0, 512)
          .arrayBuffer()
          .then((head) => {
            const verdict = headVerdict(new Uint8Array(head));
            if (verdict !== 'ok') return patch(index, { stage: 'failed', error: headProblem(verdict, file.name, file.file.size) });
            return hostFiles
          .upload(file.file, { signal: uploads.current.signal, onProgress: (n) => setSent((s) => ({ ...s, [index]: n })) })
          .then(({ uploadId, jobId }) => patch(index, { stage: 'reading', uploadJobId: jobId, source: { kind: 'upload', uploadId } }));
          })
          .catch((err: unknown) => patch(index, { stage: 'failed', error: toStevedoreError(err) }));
      } else if (item.stage === 'reading' && item.source) {
        started.current.add(key);
        api
          .call('archives.preview', { source: item.source })
          .then((preview) => patch(index, { stage: 'ready', preview }))
          .catch((err: unknown) => {
            patch(index, { stage: 'failed', error: toStevedoreError(err) });
            // A file that cannot be loaded has no business staying on the host, except to be imported.
            const source = item.source;
            if (source?.kind === 'upload' && !looksLikeFilesystem(toStevedoreError(err))) void api.call('uploads.discard', { uploadId: source.uploadId }).catch(() => undefined);
          });
      }
    });
  }, [items, patch]);

  const loadAll = async () => {
    for (const [index, item] of items.entries()) {
      if (item.stage !== 'ready' || !item.source) continue;
      try {
        const { jobId } = await api.call('archives.load', { source: item.source });
        patch(index, { stage: 'loading', loadJobId: jobId });
      } catch (err) {
        patch(index, { stage: 'failed', error: toStevedoreError(err) });
      }
    }
  };

  const close = () => {
    uploads.current.abort();
    // Files copied to the host but never loaded are not left behind there.
    for (const item of items) if (item.source?.kind === 'upload' && item.stage !== 'loading') void api.call('uploads.discard', { uploadId: item.source.uploadId }).catch(() => undefined);
    onClose();
  };

  const importInstead = (file: PickedFile) => useFilesDialog.getState().open({ kind: 'import', file });

  const summary = loadSummary(items);
  const busy = items.some((i) => i.stage === 'uploading' || i.stage === 'reading');
  const loading = items.some((i) => i.stage === 'loading');
  // The command names the files that will load; a refused one would stop a shell's && chain anyway.
  const loadable = items.filter((i) => i.stage !== 'failed');
  const command = loadable.map((i) => loadCommand(i.file.kind === 'path' ? i.file.path : i.file.name)).join(' && ');

  const footer = (
    <>
      <button type="button" className="button" onClick={close} data-testid="load-close">
        {loading ? t('dialog.close') : t('dialog.cancel')}
      </button>
      {!loading && loadable.length > 0 && (
        <button type="button" className={`button ${summary.replaces > 0 ? 'button-danger' : 'button-primary'}`} data-testid="load-submit" disabled={busy || summary.files === 0} onClick={() => void loadAll()}>
          {busy && <Spinner size={14} />}
          {busy ? t('files.load.submitWaiting') : summary.replaces > 0 ? `${t('files.load.submit', { count: summary.images })} · ${t('files.load.moving', { count: summary.replaces })}` : t('files.load.submit', { count: summary.images })}
        </button>
      )}
    </>
  );

  return (
    <Dialog title={t('files.load.title', { count: items.length })} testId="load-dialog" onClose={close} footer={footer} size="large">
      <div className="files-form">
        <ul className="load-items">
          {items.map((item, index) => (
            <li key={index} className="load-item" data-testid="load-item" data-stage={item.stage} data-file={item.file.name}>
              <LoadItemStatus item={item} sent={sent[index] ?? 0} onImport={() => importInstead(item.file)} />
              {item.preview && item.stage !== 'failed' && <ArchivePreviewView preview={item.preview} />}
            </li>
          ))}
        </ul>
        {loadable.length > 0 && (
          <>
            <p className="field-note">{t('files.load.note')}</p>
            <CommandHint command={command} />
          </>
        )}
      </div>
    </Dialog>
  );
}
