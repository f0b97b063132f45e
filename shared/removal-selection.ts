/** What the user chose to remove, and the docker command line that does the same. */
export type RemovalSelection =
  | { kind: 'refs'; refs: string[] }
  | { kind: 'repository'; repository: string }
  | { kind: 'dangling' }
  | { kind: 'before'; ref: string }
  | { kind: 'since'; ref: string };

/** Quote a shell word only when it needs it, so the command stays readable. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:@=+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
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
