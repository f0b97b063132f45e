import { escapeCodePoint, isUnprintable } from './invisible-chars';
/** What the user chose to remove, and the docker command line that does the same. */
export type RemovalSelection =
  | { kind: 'refs'; refs: string[] }
  | { kind: 'repository'; repository: string }
  | { kind: 'dangling' }
  | { kind: 'before'; ref: string }
  | { kind: 'since'; ref: string };


/**
 * Quote a shell word only when it needs it, so the command stays readable. A word with characters a
 * reader cannot see is written with bash's $'…' escapes, so the copied command shows what it runs.
 */
export function shellWord(word: string): string {
  if (/^[A-Za-z0-9_./:@=+-]+$/.test(word)) return word;
  if (![...word].some(isUnprintable)) return `'${word.replace(/'/g, `'\\''`)}'`;
  const escaped = [...word]
    .map((c) => {
      if (c === "'" || c === '\\') return `\\${c}`;
      return isUnprintable(c) ? escapeCodePoint(c) : c;
    })
    .join('');
  return `$'${escaped}'`;
}

const MAX_LISTED = 6;

export function describeSelection(selection: RemovalSelection, force: boolean, targets: string[] = []): string {
  const rmi = `docker rmi${force ? ' -f' : ''}`;
  switch (selection.kind) {
    case 'refs':
      return `${rmi} ${selection.refs.map(shellWord).join(' ')}`;
    case 'repository':
      return targets.length > 0 && targets.length <= MAX_LISTED
        ? `${rmi} ${targets.map(shellWord).join(' ')}`
        : `${rmi} $(docker images ${shellWord(selection.repository)} --format '{{.Repository}}:{{.Tag}}')`;
    case 'dangling':
      return `${rmi} $(docker images --filter dangling=true -q)`;
    case 'before':
    case 'since':
      return `${rmi} $(docker images -q --filter ${selection.kind}=${shellWord(selection.ref)})`;
  }
}
