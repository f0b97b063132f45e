import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hostFiles } from '../../api/host-files';
import { useFilesDialog } from '../../stores/files-dialog-store';
import { UploadIcon } from '../../ui/icons';
import { modalOpen } from '../../ui/keyboard';
import { useToasts } from '../../ui/toast-store';

const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/**
 * Files dropped anywhere on the window are loaded (after a preview). While they are dragged over it, a
 * full-window overlay says so, so nobody wonders whether the drop will open the file as a page.
 */
export function DropOverlay() {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);
  // dragenter/dragleave fire for every child crossed: count them to know when the window is left.
  const depth = useRef(0);

  useEffect(() => {
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current += 1;
      setOver(true);
    };
    const overHandler = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setOver(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setOver(false);
      const files = [...(e.dataTransfer?.files ?? [])];
      if (files.length === 0) return;
      if (useFilesDialog.getState().dialog || modalOpen()) {
        useToasts.getState().show('error', t('files.drop.busy'));
        return;
      }
      useFilesDialog.getState().open({ kind: 'load', files: files.map((f) => hostFiles.pick(f)) });
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', overHandler);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', overHandler);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [t]);

  if (!over) return null;
  // A drop is refused while another dialog is open: the overlay says so before the user lets go.
  const busy = useFilesDialog.getState().dialog !== null || modalOpen();
  if (busy) {
    return (
      <div className="drop-overlay" data-testid="drop-overlay" data-busy="true" aria-hidden="true">
        <div className="drop-overlay-card drop-overlay-busy">
          <strong>{t('files.drop.busyTitle')}</strong>
          <span>{t('files.drop.busy')}</span>
        </div>
      </div>
    );
  }
  return (
    <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
      <div className="drop-overlay-card">
        <UploadIcon size={32} />
        <strong>{t('files.drop.title')}</strong>
        <span>{t('files.drop.note')}</span>
        <code>docker load -i …</code>
      </div>
    </div>
  );
}
