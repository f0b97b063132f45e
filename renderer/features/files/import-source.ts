import type { PickedFile } from '../../api/host-files';

/** What `docker import` reads: a file (on the host, or still in the browser) or a URL the engine fetches. */
export type ImportSourceChoice = { kind: 'file'; file: PickedFile | null } | { kind: 'url'; url: string };

export const MAX_IMPORT_URL = 2048;

export type UrlProblem = 'empty' | 'scheme' | 'invalid' | 'too-long';

/** The contract's rule for a URL source (http or https, parseable, no spaces), as a code to explain. */
export function importUrlProblem(text: string): UrlProblem | null {
  const url = text.trim();
  if (url === '') return 'empty';
  if (url.length > MAX_IMPORT_URL) return 'too-long';
  if (!/^https?:\/\//.test(url)) return 'scheme';
  if (!/^https?:\/\/[^\s]+$/.test(url) || !URL.canParse(url)) return 'invalid';
  return null;
}

/** How the command hint names the source: the host path, the browser file's name, the URL, or a placeholder. */
export function importSourceLabel(source: ImportSourceChoice): string {
  if (source.kind === 'url') return source.url.trim() || 'URL';
  if (!source.file) return 'FILE';
  return source.file.kind === 'path' ? source.file.path : source.file.name;
}

/** A source the dialog can start from. */
export function importSourceReady(source: ImportSourceChoice): boolean {
  return source.kind === 'url' ? importUrlProblem(source.url) === null : source.file !== null;
}
