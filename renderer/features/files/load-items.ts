import type { ArchivePreview } from '../../../shared/archive-types';
import type { StevedoreError } from '../../../shared/errors';
import type { PickedFile } from '../../api/host-files';

export type FileSourceArg = { kind: 'path'; path: string } | { kind: 'upload'; uploadId: string };

/** One dropped file on its way: copied to the host (web), read through, then loaded. */
export interface LoadItem {
  file: PickedFile;
  stage: 'uploading' | 'reading' | 'ready' | 'loading' | 'failed';
  uploadJobId: string | null;
  source: FileSourceArg | null;
  preview: ArchivePreview | null;
  loadJobId: string | null;
  error: StevedoreError | null;
}

export function newItem(file: PickedFile): LoadItem {
  return {
    file,
    stage: file.kind === 'path' ? 'reading' : 'uploading',
    uploadJobId: null,
    source: file.kind === 'path' ? { kind: 'path', path: file.path } : null,
    preview: null,
    loadJobId: null,
    error: null,
  };
}

/** Images and names the ready files would bring, and how many names they would take from other images. */
export function loadSummary(items: readonly LoadItem[]): { files: number; images: number; replaces: number } {
  const ready = items.filter((i) => i.stage === 'ready' && i.preview);
  return {
    files: ready.length,
    images: ready.reduce((n, i) => n + (i.preview?.images.length ?? 0), 0),
    replaces: ready.reduce((n, i) => n + (i.preview?.tagFates.filter((f) => f.fate === 'replaces' || f.fate === 'exists').length ?? 0), 0),
  };
}

/** An archive with no images is most likely a filesystem export: Import is what the user wants. */
export function looksLikeFilesystem(error: StevedoreError | null): boolean {
  return error?.code === 'INVALID_ARGUMENT' && /neither manifest\.json nor index\.json|Import/i.test(error.message);
}
