import { stat } from 'node:fs/promises';
import { BackendError } from '../../../shared/errors';
import { quoteValue } from '../../../shared/engine-names';
import { baseName } from '../../../shared/host-path';
import { INVISIBLE, escapeCodePoint } from '../../../shared/invisible-chars';
import type { UploadArea } from './uploads';

export type FileSource = { kind: 'path'; path: string } | { kind: 'upload'; uploadId: string };

export interface OpenedSource {
  path: string;
  /** What the user knows the file as: its own name, not the upload's ID. */
  fileName: string;
  bytes: number;
  upload: string | null;
}

/** A path on this machine, or a file the web host received; either way a regular file we can read. */
export async function openSource(source: FileSource, uploads: UploadArea): Promise<OpenedSource> {
  const found = source.kind === 'path' ? { path: source.path, fileName: baseName(source.path) } : uploads.resolve(source.uploadId);
  const path = found.path;
  // Messages quote the name: a bidi override in it must not reverse the sentence around it.
  const fileName = found.fileName.replace(INVISIBLE, escapeCodePoint);
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EACCES' || err.code === 'EPERM') throw new BackendError('PERMISSION_DENIED', `Stevedore may not read ${quoteValue(path, 120)}.`, 'Check the file’s permissions.').translatedAs('files.notReadable', { path });
    throw new BackendError('NOT_FOUND', `There is no file ${quoteValue(path, 120)}.`, 'Check the path: it is a path on the machine Stevedore runs on.').translatedAs('files.fileMissing', { path });
  });
  if (!info.isFile()) throw new BackendError('INVALID_ARGUMENT', `${quoteValue(fileName, 120)} is not a regular file.`, 'Pick an archive file (.tar, .tar.gz, .tar.zst).').translatedAs('files.notFile', { file: fileName });
  return { path, fileName, bytes: info.size, upload: source.kind === 'upload' ? source.uploadId : null };
}
