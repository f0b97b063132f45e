import type { DiskImage, DiskKind, DiskKindUsage } from '../../../shared/disk-types';
import { formatSize, shortId } from '../../../shared/format';
import { NONE } from '../../../shared/image-rows';

/** `docker system df` prints sizes with four significant digits (go-units HumanSize). */
export const DF_PRECISION = 4;

/** One kind as the chart and the table show it. */
export interface DiskRow {
  kind: DiskKind;
  total: number;
  active: number;
  size: number;
  used: number;
  reclaimable: number;
  /** Floored, as the CLI prints it; null when there is nothing (the CLI prints no percentage then). */
  reclaimablePercent: number | null;
  /** The bar's two parts, as fractions of the biggest kind's size, so bars compare across kinds. */
  usedWidth: number;
  reclaimableWidth: number;
}

/** The RECLAIMABLE column exactly as `docker system df` prints it: `2.789GB (99%)`, or `0B`. */
export function reclaimableText(row: Pick<DiskRow, 'reclaimable' | 'reclaimablePercent'>): string {
  const size = formatSize(row.reclaimable, DF_PRECISION);
  return row.reclaimablePercent === null ? size : `${size} (${row.reclaimablePercent}%)`;
}

export function diskRows(kinds: readonly DiskKindUsage[]): DiskRow[] {
  const biggest = Math.max(0, ...kinds.map((k) => k.size));
  return kinds.map((k) => {
    const reclaimable = Math.min(Math.max(0, k.reclaimable), k.size);
    const used = k.size - reclaimable;
    return {
      kind: k.kind,
      total: k.total,
      active: k.active,
      size: k.size,
      used,
      reclaimable,
      reclaimablePercent: k.size > 0 ? Math.floor((reclaimable * 100) / k.size) : null,
      usedWidth: biggest > 0 ? used / biggest : 0,
      reclaimableWidth: biggest > 0 ? reclaimable / biggest : 0,
    };
  });
}

export interface DiskTotals {
  size: number;
  reclaimable: number;
}

export function diskTotals(rows: readonly DiskRow[]): DiskTotals {
  return rows.reduce((sum, r) => ({ size: sum.size + r.size, reclaimable: sum.reclaimable + r.reclaimable }), { size: 0, reclaimable: 0 });
}

/** An image as a list row: its first name (or `<none>`), how many more it has, its short ID. */
export interface DiskImageRow {
  id: string;
  shortId: string;
  name: string;
  otherNames: string[];
  size: number;
  containers: number;
  /** Unix seconds. */
  created: number;
}

export interface DiskImageList {
  rows: DiskImageRow[];
  /** Images left out past the limit, and their bytes as `docker images` counts them. */
  more: number;
  moreSize: number;
  /** Every image the list is about (shown or not). */
  count: number;
}

function toRow(image: DiskImage): DiskImageRow {
  const names = [...image.repoTags].sort();
  return { id: image.id, shortId: shortId(image.id), name: names[0] ?? NONE, otherNames: names.slice(1), size: image.size, containers: image.containers, created: image.created };
}

/** Biggest first; same size by name, so the order holds from one measurement to the next. */
function bySize(a: DiskImageRow, b: DiskImageRow): number {
  return b.size - a.size || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}

function listOf(images: readonly DiskImage[], limit: number): DiskImageList {
  const rows = images.map(toRow).sort(bySize);
  const left = rows.slice(limit);
  return { rows: rows.slice(0, limit), more: left.length, moreSize: left.reduce((s, r) => s + r.size, 0), count: rows.length };
}

/**
 * Images still on the engine: one removed since the measurement drops out of the lists at once
 * (the list of images knows before the next measurement does). null: the list is not loaded yet.
 */
const stillThere = (images: readonly DiskImage[], present: ReadonlySet<string> | null) => (present ? images.filter((i) => present.has(i.id)) : images);

/** The biggest images, used or not. */
export function biggestImages(images: readonly DiskImage[], limit: number, present: ReadonlySet<string> | null = null): DiskImageList {
  return listOf(stillThere(images, present), limit);
}

/** Images no container uses: what `docker system df` counts as reclaimable, and `docker image prune -a` removes. */
export function reclaimableImages(images: readonly DiskImage[], limit: number, present: ReadonlySet<string> | null = null): DiskImageList {
  return listOf(
    stillThere(images, present).filter((i) => i.containers === 0),
    limit,
  );
}
