import type { ImageSummary } from '../../../shared/image-types';

export interface EarlyList {
  rows: Promise<ImageSummary[]>;
  /** The changes heard of when the listing started (see `generation`). */
  generation: number;
  at: number;
}

/**
 * The window's first question, asked before it arrives: the host starts `docker images` while the
 * page is still loading, so on a big host the engine's hundreds of milliseconds overlap the page's.
 * Used once, only while fresh, and dropped at the first change the engine reports.
 */
export class ListPrefetch {
  private early: EarlyList | null = null;
  private changes = 0;

  constructor(private readonly maxAgeMs = 10_000) {}

  /** Engine changes heard of so far: a list read at generation g is current while this is still g. */
  get generation(): number {
    return this.changes;
  }

  /** Starts a listing unless one that can still be served is under way. */
  start(load: () => Promise<ImageSummary[]>): EarlyList {
    if (this.early && this.fresh(this.early)) return this.early;
    const rows = load();
    // Nobody may ever take it; its failure is the caller's to see only if they do.
    rows.catch(() => undefined);
    this.early = { rows, generation: this.changes, at: Date.now() };
    return this.early;
  }

  invalidate(): void {
    this.changes++;
    this.early = null;
  }

  /** The prefetched list, once, or null when there is none fit to serve. */
  take(): EarlyList | null {
    const early = this.early;
    this.early = null;
    return early && this.fresh(early) ? early : null;
  }

  /** Takes `early` if it is still the one waiting to be served (nobody took it and nothing changed). */
  takeIf(early: EarlyList): boolean {
    if (this.early !== early || !this.fresh(early)) return false;
    this.early = null;
    return true;
  }

  private fresh(early: EarlyList): boolean {
    return early.generation === this.changes && Date.now() - early.at <= this.maxAgeMs;
  }
}
