import { shellWord } from './removal-selection';

/**
 * The docker commands behind Save, Load, Import, Export and Commit: the Tasks panel's titles and the
 * dialogs' "same as" lines come from here, so both always say the same thing.
 */
const q = shellWord;

export function saveCommand(refs: readonly string[], path: string, gzip: boolean): string {
  const names = refs.map(q).join(' ');
  return gzip ? `docker save ${names} | gzip > ${q(path)}` : `docker save -o ${q(path)} ${names}`;
}

export function downloadCommand(refs: readonly string[], fileName: string, gzip: boolean): string {
  return saveCommand(refs, fileName, gzip);
}

export function loadCommand(path: string): string {
  return `docker load -i ${q(path)}`;
}

export function importCommand(source: string, name: string | undefined, message: string, changes: readonly string[]): string {
  const parts = ['docker import'];
  if (message !== '') parts.push(`-m ${q(message)}`);
  for (const c of changes) parts.push(`-c ${q(c)}`);
  parts.push(q(source));
  if (name) parts.push(q(name));
  return parts.join(' ');
}

export function exportCommand(container: string, path: string): string {
  return `docker export -o ${q(path)} ${q(container)}`;
}

export function commitCommand(container: string, name: string | undefined, options: { author: string; message: string; changes: readonly string[]; pause: boolean }): string {
  const parts = ['docker commit'];
  if (options.author !== '') parts.push(`-a ${q(options.author)}`);
  if (options.message !== '') parts.push(`-m ${q(options.message)}`);
  for (const c of options.changes) parts.push(`-c ${q(c)}`);
  if (!options.pause) parts.push('--pause=false');
  parts.push(q(container));
  if (name) parts.push(q(name));
  return parts.join(' ');
}

/** A file name for a save: the one image's name made safe for any file system, or "images". */
export function archiveFileName(refs: readonly string[], gzip: boolean): string {
  // An image ID names the file by its short form, as the CLI shows it.
  const first = refs.length === 1 ? refs[0]!.replace(/^sha256:([a-f0-9]{12})[a-f0-9]{52}$/, '$1').replace(/^sha256:/, '').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._-]+/, '').slice(0, 100) : '';
  return `${first || 'images'}.tar${gzip ? '.gz' : ''}`;
}

/** The same path with the extension gzip implies (or no longer implies). */
export function withArchiveExtension(path: string, gzip: boolean): string {
  const bare = path.replace(/\.(tar\.gz|tgz|tar)$/i, '');
  return `${bare}.tar${gzip ? '.gz' : ''}`;
}
