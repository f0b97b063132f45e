import { rowReference } from '../../../shared/image-rows';
import type { ImageRow } from '../../../shared/image-types';

export interface CompareChoice {
  ref: string;
  imageId: string;
  /** Another tag of the same repository: the comparison people usually want. */
  sameRepository: boolean;
}

/**
 * Images to compare with: other tags of the same repository first, then the image it was built on
 * (`baseId`), then the rest by name; never the image itself.
 */
export function compareChoices(rows: readonly ImageRow[], imageId: string, repository: string | null, baseId: string | null = null): CompareChoice[] {
  const seen = new Set<string>();
  const choices: CompareChoice[] = [];
  for (const row of rows) {
    if (row.imageId === imageId) continue;
    // The name `docker` itself would take: repo@digest for a row kept only by digest.
    const ref = rowReference(row);
    if (seen.has(ref)) continue;
    seen.add(ref);
    choices.push({ ref, imageId: row.imageId, sameRepository: repository !== null && row.repository === repository });
  }
  const isBase = (c: CompareChoice) => Number(c.imageId === baseId);
  return choices.sort((a, b) => Number(b.sameRepository) - Number(a.sameRepository) || isBase(b) - isBase(a) || a.ref.localeCompare(b.ref));
}

/** The choices whose name holds every word typed (case-insensitive), in the order given. */
export function filterChoices(choices: readonly CompareChoice[], text: string): readonly CompareChoice[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return choices;
  return choices.filter((c) => words.every((w) => c.ref.toLowerCase().includes(w)));
}
