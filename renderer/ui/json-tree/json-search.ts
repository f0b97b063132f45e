import type { JsonValue } from '../../../shared/image-types';

/** Nodes are addressed by JSON Pointer (RFC 6901): label keys such as `org.opencontainers.image.title` stay unambiguous. */
export const ROOT = '';

export function childPath(parent: string, key: string | number): string {
  return `${parent}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

export function isContainer(value: JsonValue): value is JsonValue[] | { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null;
}

export function entriesOf(value: JsonValue[] | { [key: string]: JsonValue }): Array<[string | number, JsonValue]> {
  return Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
}

/** How a primitive reads in the tree, and what the search looks at. */
export function primitiveText(value: JsonValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export interface JsonSearch {
  /** Nodes whose key or (primitive) value contains the query. */
  matched: ReadonlySet<string>;
  /** Nodes to draw: matches, their ancestors, and everything under a matched key. */
  visible: ReadonlySet<string>;
  /** Containers to open so every match can be seen. */
  expanded: ReadonlySet<string>;
}

function ancestors(path: string): string[] {
  const out: string[] = [ROOT];
  let at = path.indexOf('/', 1);
  while (at > 0) {
    out.push(path.slice(0, at));
    at = path.indexOf('/', at + 1);
  }
  return out;
}

function addSubtree(value: JsonValue, path: string, into: Set<string>): void {
  into.add(path);
  if (isContainer(value)) for (const [k, v] of entriesOf(value)) addSubtree(v, childPath(path, k), into);
}

/** Case-insensitive search over keys and primitive values; array indices are not keys. */
export function searchJson(root: JsonValue, query: string): JsonSearch {
  const needle = query.trim().toLowerCase();
  const matched = new Set<string>();
  const visible = new Set<string>();
  const expanded = new Set<string>();
  if (needle === '') return { matched, visible, expanded };

  const walk = (value: JsonValue, path: string, key: string | number | null): void => {
    const keyHit = typeof key === 'string' && key.toLowerCase().includes(needle);
    const valueHit = !isContainer(value) && primitiveText(value).toLowerCase().includes(needle);
    if (keyHit || valueHit) {
      matched.add(path);
      for (const a of ancestors(path)) {
        visible.add(a);
        expanded.add(a);
      }
      // A matched key shows what it holds, even where nothing inside matches.
      if (keyHit) addSubtree(value, path, visible);
      else visible.add(path);
    }
    if (isContainer(value)) for (const [k, v] of entriesOf(value)) walk(v, childPath(path, k), k);
  };
  walk(root, ROOT, null);
  return { matched, visible, expanded };
}

export function allContainerPaths(root: JsonValue): Set<string> {
  const out = new Set<string>();
  const walk = (value: JsonValue, path: string): void => {
    if (!isContainer(value)) return;
    out.add(path);
    for (const [k, v] of entriesOf(value)) walk(v, childPath(path, k));
  };
  walk(root, ROOT);
  return out;
}

/** The root and the image's Config open: that is what people come to read. */
export function defaultExpanded(root: JsonValue): Set<string> {
  const out = new Set<string>([ROOT]);
  if (isContainer(root) && !Array.isArray(root) && isContainer(root.Config ?? null)) out.add(childPath(ROOT, 'Config'));
  return out;
}

/** Split text around case-insensitive occurrences of the query, for highlighting. */
export function splitHighlight(text: string, query: string): Array<{ text: string; hit: boolean }> {
  const needle = query.trim().toLowerCase();
  if (!needle) return [{ text, hit: false }];
  const lower = text.toLowerCase();
  const parts: Array<{ text: string; hit: boolean }> = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, from)) {
    if (at > from) parts.push({ text: text.slice(from, at), hit: false });
    parts.push({ text: text.slice(at, at + needle.length), hit: true });
    from = at + needle.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), hit: false });
  return parts;
}
