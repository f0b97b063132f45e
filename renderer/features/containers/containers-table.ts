import type { ContainerBrief } from '../../../shared/removal-types';

export const CONTAINER_COLUMNS = ['name', 'image', 'state', 'created', 'id'] as const;
export type ContainerColumn = (typeof CONTAINER_COLUMNS)[number];

export interface ContainerSort {
  column: ContainerColumn;
  desc: boolean;
}

/** Newest first, the order `docker ps -a` prints. */
export const DEFAULT_CONTAINER_SORT: ContainerSort = { column: 'created', desc: true };

/** Clicking the sorted column flips it; another column starts newest-first for times, A→Z otherwise. */
export function nextContainerSort(current: ContainerSort, clicked: ContainerColumn): ContainerSort {
  if (current.column === clicked) return { column: clicked, desc: !current.desc };
  return { column: clicked, desc: clicked === 'created' };
}

/**
 * What holds the engine's attention comes first when sorting by state: a running container is the one
 * a user looks for, a dead one the last.
 */
const STATE_RANK: Record<string, number> = { running: 0, restarting: 1, paused: 2, created: 3, exited: 4, removing: 5, dead: 6 };
const rankOf = (state: string) => STATE_RANK[state] ?? 7;

// A fixed locale, so the order does not depend on the machine; numeric so web-2 sorts before web-10.
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function primary(column: ContainerColumn, a: ContainerBrief, b: ContainerBrief): number {
  switch (column) {
    case 'name':
      return collator.compare(a.name, b.name);
    case 'image':
      return collator.compare(a.image, b.image);
    case 'state':
      return rankOf(a.state) - rankOf(b.state) || collator.compare(a.state, b.state);
    case 'created':
      return a.created - b.created;
    case 'id':
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  }
}

/** The direction applies to the chosen column; ties fall back to newest, then name, so rows never swap between refreshes. */
export function sortContainers(list: readonly ContainerBrief[], sort: ContainerSort): ContainerBrief[] {
  return [...list].sort((a, b) => {
    const p = primary(sort.column, a, b);
    if (p !== 0) return sort.desc ? -p : p;
    return b.created - a.created || collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
}

/**
 * Every word typed must appear in the name, the image or the ID (case-insensitive), so "api prod"
 * finds prod-api-1 running registry/api; a `sha256:` prefix on an ID is ignored as `docker ps` shows none.
 */
export function filterContainers(list: readonly ContainerBrief[], text: string): ContainerBrief[] {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...list];
  return list.filter((c) => {
    const haystack = `${c.name}\n${c.image}\n${c.id.replace(/^sha256:/, '')}`.toLowerCase();
    return words.every((w) => haystack.includes(w.replace(/^sha256:/, '')));
  });
}
