import type { ArchivePreview } from '../../../shared/archive-types';
import type { StevedoreError } from '../../../shared/errors';
import type { PickedFile } from '../../api/host-files';
import type { ImageStore } from '../../../shared/engine-types';

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

/**
 * What the first 512 bytes of a file say before a browser copies it to the host: a 20 GB file of
 * zeros, or a photo, should be refused in a moment, not after minutes of copying. Only what is
 * certain is refused: compressed data and a tar header ("ustar", as docker save writes) pass, and the
 * host reads the whole file anyway.
 */
export function headVerdict(head: Uint8Array): 'ok' | 'empty' | 'not-tar' {
  if (head.length === 0) return 'empty';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'ok';
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'ok';
  if (head.every((b) => b === 0)) return 'empty';
  const magic = String.fromCharCode(...head.subarray(257, 262));
  return magic === 'ustar' ? 'ok' : 'not-tar';
}

const CHOOSE_SAVED = 'Choose a file written by docker save (a .tar, .tar.gz or .tar.zst).';

/** The refusal for a head that fails, worded like the host's own (and translated by the same keys). */
export function headProblem(verdict: 'empty' | 'not-tar', fileName: string, bytes: number | null = null): StevedoreError {
  if (verdict === 'empty' && bytes === 0) return { code: 'INVALID_ARGUMENT', message: `${fileName} is empty (0 bytes).`, hint: `${CHOOSE_SAVED} If it was copied, copy it again.`, i18n: { key: 'archive.zeroBytes', values: { file: fileName } } };
  return verdict === 'empty'
    ? { code: 'INVALID_ARGUMENT', message: `${fileName} holds no data: its first block is all zeros.`, hint: CHOOSE_SAVED, i18n: { key: 'archive.empty', values: { file: fileName } } }
    : { code: 'INVALID_ARGUMENT', message: `${fileName} is not an image archive: it is not a tar file.`, hint: CHOOSE_SAVED, i18n: { key: 'archive.notTar', values: { file: fileName } } };
}

/**
 * The ID the image will have once this engine has loaded it: the legacy store names an image by its
 * config's digest; the containerd store by its manifest's or index's, which only an OCI archive
 * states (from a docker-format archive the engine writes a manifest of its own while loading).
 */
export function idOnLoad(image: ArchivePreview['images'][number], store: ImageStore['kind'] | null): string | null {
  if (store === 'legacy') return image.configDigest;
  if (store === 'containerd') return image.targetDigest;
  return null;
}
