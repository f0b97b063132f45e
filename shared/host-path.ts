import { quoteValue } from './engine-names';

/**
 * A file path on the machine the backend runs on (the desktop app's own, or the web host's). Only
 * full paths: a relative one would resolve against wherever the host happened to start.
 */
export const MAX_HOST_PATH = 4096;

export type PathVerdict = { ok: true } | { ok: false; message: string };

export function checkHostPath(value: string): PathVerdict {
  if (value === '') return { ok: false, message: 'a file path is required' };
  if (value.length > MAX_HOST_PATH) return { ok: false, message: `a path is at most ${MAX_HOST_PATH} characters` };
  // A NUL or newline in a path is never what a person meant.
  if (/[\0\r\n]/.test(value)) return { ok: false, message: `${quoteValue(value)} holds a control character` };
  if (!(value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value))) return { ok: false, message: `${quoteValue(value)} is not a full path: start it with / (or a drive, C:\\)` };
  if (/[\\/]$/.test(value)) return { ok: false, message: `${quoteValue(value)} names a folder: add a file name` };
  return { ok: true };
}

/** The last segment, for messages and download names. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).at(-1) ?? path;
}
