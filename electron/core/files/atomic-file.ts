import { randomBytes } from 'node:crypto';
import { constants, createWriteStream } from 'node:fs';
import { access, lstat, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BackendError } from '../../../shared/errors';
import { quoteValue } from '../../../shared/engine-names';
import { STREAM_BUFFER } from './io-sizes';

/** The temporary name beside the target: hidden, and plainly not a finished archive. */
export function partialPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.stevedore-partial`);
}

/** Refuse a target we could not finish writing before the engine has streamed a single byte. */
export async function checkTarget(target: string, overwrite: boolean): Promise<void> {
  const folder = dirname(target);
  const dir = await stat(folder).catch(() => null);
  if (!dir?.isDirectory()) throw new BackendError('NOT_FOUND', `The folder ${quoteValue(folder, 120)} does not exist.`, 'Pick a folder that exists on the machine Stevedore runs on.').translatedAs('files.folderMissing', { folder });
  await access(folder, constants.W_OK).catch(() => {
    throw notWritable(folder);
  });
  const existing = await lstat(target).catch(() => null);
  if (existing?.isDirectory()) throw new BackendError('INVALID_ARGUMENT', `${quoteValue(target, 120)} is a folder.`, 'Add a file name, e.g. images.tar.').translatedAs('files.isFolder', { path: target });
  if (existing && !overwrite) throw new BackendError('CONFLICT', `${quoteValue(basename(target), 120)} already exists.`, 'Choose another name, or confirm replacing it.').translatedAs('files.exists', { file: basename(target) });
}

export interface AtomicWriteOptions {
  overwrite: boolean;
  signal: AbortSignal;
  /** Between the source and the file, e.g. a byte counter and gzip. */
  through: Transform[];
  /** Last word before the rename: a write that fails it is removed like a cancelled one. */
  verify?: () => Promise<void>;
}

/**
 * Stream into a temporary file beside the target and rename it into place only when every byte is
 * on disk: a cancelled or failed write never leaves a file that looks complete.
 */
export async function writeAtomically(source: Readable, target: string, { overwrite, signal, through, verify }: AtomicWriteOptions): Promise<number> {
  await checkTarget(target, overwrite);
  const partial = partialPathFor(target);
  const out = createWriteStream(partial, { flags: 'wx', mode: 0o644, highWaterMark: STREAM_BUFFER });
  try {
    await pipeline([source, ...through, out], { signal });
    const handle = await open(partial, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await verify?.();
    // Checked again: the target may have appeared while we wrote.
    if (!overwrite && (await lstat(target).catch(() => null))) {
      throw new BackendError('CONFLICT', `${quoteValue(basename(target), 120)} appeared while Stevedore was writing it.`, 'Choose another name, or confirm replacing it.');
    }
    await rename(partial, target);
    return (await stat(target)).size;
  } catch (err) {
    source.destroy();
    out.destroy();
    await unlink(partial).catch(() => undefined);
    throw diskProblem(err, target) ?? err;
  }
}

function notWritable(folder: string, detail?: string): BackendError {
  return new BackendError('PERMISSION_DENIED', `Stevedore may not write in ${quoteValue(folder, 120)}.`, 'Pick a folder your user can write to.', detail).translatedAs('files.notWritable', { folder });
}

/**
 * A write that failed for the disk's sake says so in words, not as an errno — and never as the
 * engine's problem: an ENOENT or EACCES from opening the file would otherwise read as "the Docker
 * socket is missing" or "not in the docker group". File-system errors carry the path they were about.
 */
function diskProblem(err: unknown, target: string): BackendError | null {
  const e = err as NodeJS.ErrnoException | null;
  if (!e || typeof e.code !== 'string') return null;
  const folder = dirname(target);
  const detail = String(e.message);
  // A failed write() names no path; these codes only ever come from the disk.
  if (e.code === 'ENOSPC' || e.code === 'EDQUOT') {
    return new BackendError('IO', `No space left on the disk holding ${quoteValue(folder, 120)}: nothing was kept.`, 'Free some space there, or save to another disk.', detail).translatedAs('files.diskFull', { folder });
  }
  if (e.code === 'EROFS') return notWritable(folder, detail);
  // Others (ENOENT, EACCES…) are the disk's only when they name a path: the engine's socket has the same codes.
  if (typeof e.path !== 'string') return null;
  if (e.code === 'EACCES' || e.code === 'EPERM') return notWritable(folder, detail);
  return new BackendError('IO', `A file cannot be written in ${quoteValue(folder, 120)} (${e.code}): nothing was kept.`, 'Pick an ordinary folder on a disk, such as your home or Downloads folder.', detail).translatedAs('files.cannotWrite', { folder, code: e.code });
}

/**
 * A small file (settings, a sealed secret) written whole or not at all: beside the target under a
 * unique name, flushed, then renamed over it. Two saves at once never share a temporary file.
 */
export async function writeFileAtomically(target: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const partial = partialPathFor(target);
  const handle = await open(partial, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await unlink(partial).catch(() => undefined);
    throw err;
  }
  await handle.close();
  try {
    await rename(partial, target);
  } catch (err) {
    await unlink(partial).catch(() => undefined);
    throw err;
  }
}
