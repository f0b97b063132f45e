import type { ImageStore } from './engine-types';
import { shortId } from './format';
import type { ImageRow, ImageSummary } from './image-types';
import { parseQuery, rowPassesTerms } from './list-filters';

export const NONE = '<none>';

/** Split `host:5000/repo/name:tag` at the tag's colon, not the registry port's. */
export function splitRepoTag(repoTag: string): { repository: string; tag: string } {
  const at = repoTag.lastIndexOf(':');
  if (at > repoTag.lastIndexOf('/') && at > 0) return { repository: repoTag.slice(0, at), tag: repoTag.slice(at + 1) };
  return { repository: repoTag, tag: NONE };
}

function splitRepoDigest(repoDigest: string): { repository: string; digest: string } {
  const at = repoDigest.indexOf('@');
  return at < 0 ? { repository: repoDigest, digest: '' } : { repository: repoDigest.slice(0, at), digest: repoDigest.slice(at + 1) };
}

/** The engine reports untagged images as `<none>:<none>` or null depending on its version. */
export function realTags(summary: ImageSummary): string[] {
  return summary.repoTags.filter((t) => t !== '<none>:<none>');
}
function realDigests(summary: ImageSummary): string[] {
  return summary.repoDigests.filter((d) => d !== '<none>@<none>');
}

/**
 * One row per tag, like `docker images`: untagged images keep a `<none>` row (never hidden), and an
 * untagged image known only by digest shows its repository with tag `<none>`.
 * Dangling follows the daemon's filter: on the legacy store no tags and no child image among those
 * listed; on the containerd store no name at all, children or not (what `docker images -a -f
 * dangling=true` lists there).
 */
export function toImageRows(images: readonly ImageSummary[], store: ImageStore['kind'] | null = null, reuse?: RowReuse): ImageRow[] {
  const parents = new Set(images.map((i) => i.parentId).filter(Boolean));
  const rows: ImageRow[] = [];
  for (const image of images) {
    const dangling = store === 'containerd' || !parents.has(image.id);
    const earlier = reuse?.get(image);
    if (earlier && earlier.dangling === dangling) {
      for (const row of earlier.rows) rows.push(row);
      continue;
    }
    const start = rows.length;
    rowsOf(image, dangling, rows);
    reuse?.set(image, { dangling, rows: rows.slice(start) });
  }
  return rows;
}

/**
 * The rows made for each summary, so a list patched from engine events keeps the row objects of every
 * image it did not touch: the rows on screen then skip re-rendering, and 20,000 rows are not rebuilt.
 */
export type RowReuse = WeakMap<ImageSummary, { dangling: boolean; rows: ImageRow[] }>;

function rowsOf(image: ImageSummary, danglingIfUntagged: boolean, rows: ImageRow[]): void {
  const tags = realTags(image);
  const digests = realDigests(image).map(splitRepoDigest);
  const digestOf = (repository: string) => digests.find((d) => d.repository === repository)?.digest ?? '';
  const base = { imageId: image.id, created: image.created, size: image.size, tagCount: tags.length, labels: image.labels };
  if (tags.length > 0) {
    for (const repoTag of tags) {
      const { repository, tag } = splitRepoTag(repoTag);
      rows.push({ ...base, key: `${image.id}|${repoTag}`, repository, tag, digest: digestOf(repository), dangling: false });
    }
    return;
  }
  const dangling = danglingIfUntagged;
  if (digests.length > 0) {
    for (const d of digests) {
      rows.push({ ...base, key: `${image.id}|${d.repository}@${d.digest}`, repository: d.repository, tag: NONE, digest: d.digest, dangling });
    }
  } else {
    rows.push({ ...base, key: `${image.id}|<none>`, repository: NONE, tag: NONE, digest: '', dangling });
  }
}

// Fields are joined with a character no one types, so a word never matches across two of them.
const FIELD_BREAK = '\u0000';
const haystacks = new WeakMap<ImageRow, string>();

/** What the filter box searches in one row, lower-cased once per row instead of once per keystroke. */
function haystackOf(row: ImageRow): string {
  let text = haystacks.get(row);
  if (text === undefined) {
    const id = row.imageId;
    text = [row.repository, row.tag, `${row.repository}:${row.tag}`, id, id.replace(/^sha256:/, ''), row.digest].join(FIELD_BREAK).toLowerCase();
    haystacks.set(row, text);
  }
  return text;
}

/**
 * The filter box: every word must appear in the repository, tag, `repo:tag`, ID or digest, and every
 * `docker images --filter` term it holds must pass (see list-filters); a term the CLI would refuse
 * matches nothing. The query is split once, so filtering thousands of rows per keystroke allocates
 * nothing per row.
 */
export function rowMatcher(query: string): (row: ImageRow) => boolean {
  const { words, terms, problems } = parseQuery(query);
  if (problems.length > 0) return () => false;
  if (words.length === 0 && terms.length === 0) return () => true;
  if (words.some((w) => w.includes(FIELD_BREAK))) return () => false;
  return (row) => {
    if (terms.length > 0 && !rowPassesTerms(row, terms)) return false;
    if (words.length === 0) return true;
    const text = haystackOf(row);
    return words.every((w) => text.includes(w));
  };
}

export function matchesFilter(row: ImageRow, query: string): boolean {
  return rowMatcher(query)(row);
}

/** The reference users type into `docker` commands for this row: repo:tag when tagged, else the short ID. */
export function rowReference(row: ImageRow): string {
  if (row.tag !== NONE) return `${row.repository}:${row.tag}`;
  if (row.repository !== NONE && row.digest) return `${row.repository}@${row.digest}`;
  return shortId(row.imageId);
}
