import type { LabelFilter } from '../../../shared/prune-filters';

/** `docker image prune` filters, parsed once, as every store's simulation takes them. */
export interface PruneRules {
  /** false only with `-a`. */
  danglingOnly: boolean;
  /** Unix seconds; `--filter until=…`. */
  until: number | null;
  labels: LabelFilter[];
}
