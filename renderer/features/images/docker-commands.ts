/** The docker CLI commands each view corresponds to, shown so users learn the CLI as they click. */

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quote for a POSIX shell only when needed, so ordinary references stay readable. */
export function shellQuote(word: string): string {
  if (word !== '' && SAFE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * Only flags with exactly the same meaning are shown: the filter box also matches IDs and digests,
 * which `--filter reference=` does not, so it is deliberately left out.
 */
export function imagesListCommand(options: { all: boolean; danglingOnly: boolean }): string {
  const parts = ['docker', 'images'];
  if (options.all) parts.push('-a');
  if (options.danglingOnly) parts.push('--filter', 'dangling=true');
  return parts.join(' ');
}

export function inspectCommand(ref: string): string {
  return `docker image inspect ${shellQuote(ref)}`;
}

export function historyCommand(ref: string): string {
  return `docker history --no-trunc ${shellQuote(ref)}`;
}
