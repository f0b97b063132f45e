import { checkHostPath, MAX_HOST_PATH } from '../../../shared/host-path';

/** Why a typed host path cannot be written to, as a code each language phrases itself. */
export type HostPathProblem = 'empty' | 'too-long' | 'control' | 'relative' | 'folder' | 'other';

/**
 * checkHostPath decides (it is what the backend enforces); this only names which of its rules failed,
 * in the order it applies them, so the dialog can explain it in the reader's language.
 */
export function hostPathProblem(value: string): HostPathProblem | null {
  if (checkHostPath(value).ok) return null;
  if (value === '') return 'empty';
  if (value.length > MAX_HOST_PATH) return 'too-long';
  if (/[\0\r\n]/.test(value)) return 'control';
  if (!(value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value))) return 'relative';
  if (/[\\/]$/.test(value)) return 'folder';
  return 'other';
}

/** `<container>.tar`, with anything a file system might refuse replaced (names allow only [A-Za-z0-9_.-] anyway). */
export function exportFileName(containerName: string): string {
  const safe = containerName.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._-]+/, '').slice(0, 100);
  return `${safe || 'container'}.tar`;
}

/** A file in a folder of the backend's machine, joined with that machine's separator. */
export function joinHostPath(dir: string, separator: '/' | '\\', file: string): string {
  return /[\\/]$/.test(dir) ? `${dir}${file}` : `${dir}${separator}${file}`;
}
