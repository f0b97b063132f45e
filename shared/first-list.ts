import type { EngineStatus } from './engine-types';
import type { ImageSummary } from './image-types';

/**
 * The web host's answer to "what does the list hold" written into the page it serves, so the first
 * rows paint as the page's script starts instead of after a WebSocket opens and asks. `generation`
 * counts the engine changes the backend had heard of when the list was read: the page asks whether
 * it is still current once its socket is open (`images.changedSince`), and lists again if not.
 */
export interface FirstList {
  status: EngineStatus;
  images: ImageSummary[];
  generation: number;
}

/** The element of index.html that carries it: a JSON data block, never run as script. */
export const FIRST_LIST_ELEMENT_ID = 'stevedore-first-list';

/**
 * JSON that is safe inside a `<script type="application/json">` element: image labels and names come
 * from anyone who built an image, and a `</script>` or `<!--` in one must not end the element or
 * change how the HTML parser reads the rest. Escaping `<`, `>` and `&` as \u escapes keeps the value
 * identical for JSON.parse; U+2028/2029 are escaped for older JSON-in-script readers.
 */
export function jsonForScriptElement(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The whole element, as the host writes it before `</body>`. */
export function firstListElement(list: FirstList): string {
  return `<script type="application/json" id="${FIRST_LIST_ELEMENT_ID}">${jsonForScriptElement(list)}</script>`;
}

/**
 * The page's reading of the element. Anything not shaped like a FirstList (an older host, a page saved
 * to disk, a proxy that rewrote it) is ignored: the page then asks over its socket as it always could.
 */
export function parseFirstList(text: string | null | undefined): FirstList | null {
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<Record<keyof FirstList, unknown>>;
  if (!Array.isArray(v.images) || !Number.isSafeInteger(v.generation) || typeof v.status !== 'object' || v.status === null) return null;
  const status = v.status as Partial<EngineStatus>;
  if (status.state !== 'connected' || typeof status.host !== 'string') return null;
  if (!v.images.every(isSummary)) return null;
  return value as FirstList;
}

function isSummary(x: unknown): x is ImageSummary {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as Partial<Record<keyof ImageSummary, unknown>>;
  return (
    typeof s.id === 'string' &&
    typeof s.parentId === 'string' &&
    Array.isArray(s.repoTags) &&
    s.repoTags.every((t) => typeof t === 'string') &&
    Array.isArray(s.repoDigests) &&
    s.repoDigests.every((t) => typeof t === 'string') &&
    typeof s.created === 'number' &&
    typeof s.size === 'number' &&
    typeof s.containers === 'number' &&
    typeof s.labels === 'object' &&
    s.labels !== null &&
    Object.values(s.labels).every((l) => typeof l === 'string')
  );
}
