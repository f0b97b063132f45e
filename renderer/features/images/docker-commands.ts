/** The docker CLI commands each view corresponds to, shown so users learn the CLI as they click. */
import { shellWord } from '../../../shared/removal-selection';
import type { UsageFilter } from './image-view';
import { filterFlags, type ListFilterTerm } from '../../../shared/list-filters';

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quote for a POSIX shell only when needed, so ordinary references stay readable (one quoting rule, shared). */
export function shellQuote(word: string): string {
  if (word !== '' && SAFE.test(word)) return word;
  return shellWord(word);
}

/**
 * Only flags with exactly the same meaning are shown: the filter box's plain words also match IDs and
 * digests, which `--filter reference=` does not, so they are left out; the `--filter` terms typed in
 * it (see list-filters) are the CLI's own and go in as typed.
 */
export function imagesListCommand(options: { all: boolean; usage: UsageFilter; terms?: readonly ListFilterTerm[] }): string {
  // The CLI has no "in use" filter for images: the containers' list is what says which are.
  if (options.usage === 'in-use' || options.usage === 'unused') return "docker ps -a --format '{{.Image}}'";
  const parts = ['docker', 'images'];
  if (options.all) parts.push('-a');
  const flags = filterFlags(options.terms ?? []);
  if (options.usage === 'dangling' && !flags.includes('dangling=true')) parts.push('--filter', 'dangling=true');
  for (const flag of flags) parts.push('--filter', shellQuote(flag));
  return parts.join(' ');
}

export function inspectCommand(ref: string): string {
  return `docker image inspect ${shellQuote(ref)}`;
}

export function historyCommand(ref: string): string {
  return `docker history --no-trunc ${shellQuote(ref)}`;
}
