import type { StreamArgs } from '../../shared/contract';
import { isStevedoreError, type StevedoreError } from '../../shared/errors';
import { STREAM_KEY_HEADER, STREAM_PATH, type DesktopFiles, type FileFilter } from '../../shared/transport';
import { INVISIBLE, escapeCodePoint } from '../../shared/invisible-chars';
import { ApiError } from './client';
import { acceptedWebHostKey } from './transport';

/** Where a file the user dropped or picked can be read by the backend. */
export type PickedFile = { kind: 'path'; path: string; name: string; bytes: number } | { kind: 'upload-needed'; file: File; name: string; bytes: number };

/**
 * A file's name as the page shows it: bidi overrides and invisible characters written as \u escapes,
 * so "rat.exe.tar" cannot pose as something else or reverse the message it appears in.
 */
export function shownName(name: string): string {
  return name.replace(INVISIBLE, escapeCodePoint);
}

export const ARCHIVE_FILTERS: FileFilter[] = [{ name: 'Image archives', extensions: ['tar', 'gz', 'tgz', 'zst'] }];

/**
 * The two hosts move files differently: the desktop app reads and writes paths on this machine with
 * native dialogs; the web host receives a browser's file as an upload and sends a save as a download.
 */
export interface HostFiles {
  kind: 'desktop' | 'web';
  /** A dropped or picked file as the backend can reach it. */
  pick(file: File): PickedFile;
  /** Desktop: the native Save dialog. */
  chooseSavePath(defaultName: string, filters: FileFilter[]): Promise<string | null>;
  /** Desktop: the native Open dialog. */
  chooseOpenPaths(multiple: boolean, filters: FileFilter[]): Promise<PickedFile[]>;
  /** Web: copy a browser file to the host; the host counts the bytes in a job. */
  upload(file: File, options?: { signal?: AbortSignal; onProgress?: (sent: number) => void }): Promise<{ uploadId: string; jobId: string }>;
  /** Web: save straight into the browser's downloads. */
  download(args: StreamArgs<'images.download'>): Promise<void>;
}

function errorOf(body: unknown, fallback: string): StevedoreError {
  const error = (body as { error?: unknown } | null)?.error;
  return isStevedoreError(error) ? error : { code: 'IO', message: fallback };
}

/** A download cannot carry the API key: the page asks for a one-time ticket with it, and the ticket becomes the link. */
async function downloadTicket(args: StreamArgs<'images.download'>): Promise<string> {
  const url = `${STREAM_PATH}images.download?args=${encodeURIComponent(JSON.stringify(args))}&ticket=1`;
  const response = await fetch(url, { method: 'POST', headers: { [STREAM_KEY_HEADER]: acceptedWebHostKey() ?? '' }, credentials: 'same-origin' }).catch((err: unknown) => {
    throw new ApiError({ code: 'IO', message: `The web host could not be reached: ${err instanceof Error ? err.message : String(err)}` });
  });
  const parsed: unknown = await response.json().catch(() => null);
  const outcome = parsed as { ok?: boolean; value?: { url?: unknown } } | null;
  if (!response.ok || !outcome?.ok || typeof outcome.value?.url !== 'string') throw new ApiError(errorOf(parsed, `The web host answered ${response.status}.`));
  return outcome.value.url;
}

/** XMLHttpRequest, not fetch: only it reports an upload's progress. The body is the File itself, streamed by the browser. */
function uploadWithProgress(file: File, signal?: AbortSignal, onProgress?: (sent: number) => void): Promise<{ uploadId: string; jobId: string }> {
  return new Promise((resolve, reject) => {
    const args = { fileName: shownName(file.name).replace(/[\0/\\]/g, '_').slice(0, 255) || 'file' };
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${STREAM_PATH}uploads.create?args=${encodeURIComponent(JSON.stringify(args))}`);
    xhr.setRequestHeader(STREAM_KEY_HEADER, acceptedWebHostKey() ?? '');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => onProgress?.(e.loaded);
    xhr.onload = () => {
      const outcome = xhr.response as { ok?: boolean; value?: { uploadId: string; jobId: string } } | null;
      if (xhr.status === 200 && outcome?.ok && outcome.value) resolve(outcome.value);
      else reject(new ApiError(errorOf(outcome, `The web host answered ${xhr.status}.`)));
    };
    xhr.onerror = () => reject(new ApiError({ code: 'IO', message: `${file.name} could not be sent to the web host.`, hint: 'Check that the web host is still running, then drop the file again.' }));
    xhr.onabort = () => reject(new ApiError({ code: 'CANCELLED', message: 'Cancelled.' }));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

function desktopFiles(files: DesktopFiles): HostFiles {
  const picked = (path: string, name: string, bytes: number): PickedFile => ({ kind: 'path', path, name: shownName(name), bytes });
  return {
    kind: 'desktop',
    pick: (file) => {
      const path = files.pathForFile(file);
      return path ? picked(path, file.name, file.size) : { kind: 'upload-needed', file, name: shownName(file.name), bytes: file.size };
    },
    chooseSavePath: (defaultName, filters) => files.chooseSavePath({ defaultName, filters }),
    chooseOpenPaths: async (multiple, filters) => (await files.chooseOpenPaths({ multiple, filters })).map((p) => picked(p, p.split(/[\\/]/).at(-1) ?? p, -1)),
    upload: () => Promise.reject(new ApiError({ code: 'INVALID_ARGUMENT', message: 'The desktop app reads files by path.' })),
    download: () => Promise.reject(new ApiError({ code: 'INVALID_ARGUMENT', message: 'The desktop app saves by path.' })),
  };
}

function webFiles(): HostFiles {
  return {
    kind: 'web',
    pick: (file) => ({ kind: 'upload-needed', file, name: shownName(file.name), bytes: file.size }),
    chooseSavePath: () => Promise.resolve(null),
    chooseOpenPaths: () => Promise.resolve([]),
    upload: (file, options) => uploadWithProgress(file, options?.signal, options?.onProgress),
    download: async (args) => {
      const url = await downloadTicket(args);
      const link = document.createElement('a');
      link.href = url;
      link.download = '';
      link.rel = 'noopener';
      document.body.append(link);
      link.click();
      link.remove();
    },
  };
}

export const hostFiles: HostFiles = typeof window !== 'undefined' && window.stevedore ? desktopFiles(window.stevedore.files) : webFiles();
