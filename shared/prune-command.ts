import type { PruneFilters } from './removal-types';
import { shellWord } from './removal-selection';

/** `docker image prune [-a] [--filter until=…] [--filter label=…]`, exactly as the user would type it. */
export function pruneCommand(filters: PruneFilters): string {
  const parts = ['docker image prune'];
  if (filters.all) parts.push('-a');
  if (filters.until) parts.push(`--filter ${shellWord(`until=${filters.until}`)}`);
  for (const label of filters.labels ?? []) parts.push(`--filter ${shellWord(label.startsWith('label') ? label : `label=${label}`)}`);
  return parts.join(' ');
}
