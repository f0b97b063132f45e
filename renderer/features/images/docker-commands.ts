/** The docker CLI commands each view corresponds to, shown so users learn the CLI as they click. */
import { shellWord } from '../../../shared/removal-selection';
import type { UsageFilter } from './image-view';

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quote for a POSIX shell only when needed, so ordinary references stay readable (one quoting rule, shared). */
export function shellQuote(word: string): string {
  if (word !== '' && SAFE.test(word)) return word;
  return shellWord(word);
}

/**
 * Only flags with exactly the same meaning are shown: the filter box also matches IDs and digests,
 * which `--filter reference=` does not, so it is deliberately left out.
 */
export function imagesListCommand(options: { all: boolean; usage: UsageFilter }): string {
  // The CLI has no "in use" filter for images: the containers' list is what says which are.
  if (options.usage === 'in-use' || options.usage === 'unused') return "docker ps -a --format '{{.Image}}'";
  const parts = ['docker', 'images'];
  if (options.all) parts.push('-a');
  if (options.usage === 'dangling') parts.push('--filter', 'dangling=true');
  return parts.join(' ');
}

export function inspectCommand(ref: string): string {
  return `docker image inspect ${shellQuote(ref)}`;
}

export function historyCommand(ref: string): string {
  return `docker history --no-trunc ${shellQuote(ref)}`;
}
