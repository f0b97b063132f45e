import type { ImageSummary } from '../../../shared/image-types';

/**
 * The first window's first question, asked before it arrives: the host starts `docker images` while
 * the page is still loading, so on a big host the engine's hundreds of milliseconds overlap the
 * page's. Used once, only while fresh, and dropped at the first change the engine reports.
 */
export class ListPrefetch {
  private early: { rows: Promise<ImageSummary[]>; at: number } | null = null;

  constructor(private readonly maxAgeMs = 10_000) {}

  start(load: () => Promise<ImageSummary[]>): void {
    const rows = load();
    // Nobody may ever take it; its failure is the caller's to see only if they do.
    rows.catch(() => undefined);
    this.early = { rows, at: Date.now() };
  }

  invalidate(): void {
    this.early = null;
  }

  /** The prefetched list, once, or null when there is none fit to serve. */
  take(): Promise<ImageSummary[]> | null {
    const early = this.early;
    this.early = null;
    return early && Date.now() - early.at <= this.maxAgeMs ? early.rows : null;
  }
}
