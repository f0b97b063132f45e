import { useFilesDialog } from '../../stores/files-dialog-store';
import { CommitDialog } from '../containers/CommitDialog';
import { ExportDialog } from '../containers/ExportDialog';
import { ImportDialog } from './ImportDialog';
import { LoadDialog } from './LoadDialog';
import { SaveDialog } from './SaveDialog';

/** Mounts whichever files dialog is open; each gets its subject and a way to close. */
export function FilesDialogHost() {
  const dialog = useFilesDialog((s) => s.dialog);
  const close = useFilesDialog((s) => s.close);
  const key = useFilesDialog((s) => s.opened);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'save':
      return <SaveDialog key={key} refs={dialog.refs} onClose={close} />;
    case 'load':
      return <LoadDialog key={key} files={dialog.files} onClose={close} />;
    case 'import':
      return <ImportDialog key={key} file={dialog.file} onClose={close} />;
    case 'export':
      return <ExportDialog key={key} container={dialog.container} onClose={close} />;
    case 'commit':
      return <CommitDialog key={key} container={dialog.container} onClose={close} />;
  }
}
