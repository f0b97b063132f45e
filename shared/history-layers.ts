/**
 * Which history entries made a filesystem layer. The Engine API's history has no empty_layer flag, and
 * guessing from the instruction is wrong (20.10's builder makes a 0-byte layer for WORKDIR). What the
 * engine does expose: each entry of a local build carries the ID of the image that step produced, and
 * an image's layer count is known, so between two known steps the number of layers made is exact.
 * Only runs of entries without an image ID (a pulled base) fall back to reading the instruction.
 */

export interface HistoryRow {
  /** The image this step produced, or "<missing>" when the engine does not have it. */
  id: string;
  createdBy: string;
  size: number;
}

export interface LayerPairing {
  /** Per history entry, newest first like the API: whether it made a layer. */
  made: boolean[];
  /** False when some run of entries had to be guessed from its instructions. */
  exact: boolean;
}

const LAYER_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

/** How likely an entry with no bytes made a layer, from its instruction alone. */
function looksLikeLayer(createdBy: string): boolean {
  const nop = /^\/bin\/sh -c #\(nop\)\s*/.test(createdBy);
  const text = createdBy.replace(/^\/bin\/sh -c #\(nop\)\s*/, '').trim();
  const instruction = text.match(/^([A-Z]+)\b/)?.[1] ?? '';
  if (LAYER_INSTRUCTIONS.has(instruction)) return true;
  // A command without #(nop) is a RUN step of the legacy builder; BuildKit writes "RUN …" itself.
  return !nop && instruction === '';
}

/**
 * @param history  entries newest first, as `docker history` lists them
 * @param layerCount  how many layers the image has (RootFS.Layers)
 * @param layersOf  how many layers a local image has, for the IDs history entries carry
 */
export function pairHistoryWithLayers(history: HistoryRow[], layerCount: number, layersOf: (id: string) => number | undefined): LayerPairing {
  const oldest = [...history].reverse();
  const made = oldest.map(() => false);
  let exact = true;
  // Cumulative layer counts where the engine tells us; the image itself closes the last run.
  const known: { index: number; layers: number }[] = [];
  oldest.forEach((h, i) => {
    const layers = h.id && h.id !== '<missing>' ? layersOf(h.id) : undefined;
    if (layers !== undefined) known.push({ index: i, layers });
  });
  if (oldest.length > 0 && known[known.length - 1]?.index !== oldest.length - 1) known.push({ index: oldest.length - 1, layers: layerCount });
  let start = 0;
  let before = 0;
  for (const point of known) {
    const run = oldest.slice(start, point.index + 1).map((h, k) => ({ h, i: start + k }));
    let needed = point.layers - before;
    if (needed === run.length) {
      for (const { i } of run) made[i] = true;
    } else if (needed > 0) {
      // Entries that added bytes made a layer; the rest of the count goes to the likeliest empty ones.
      for (const { h, i } of run) {
        if (h.size > 0) {
          made[i] = true;
          needed--;
        }
      }
      const empty = run.filter(({ h }) => h.size <= 0);
      if (needed < 0) {
        exact = false;
      } else if (needed === empty.length) {
        for (const { i } of empty) made[i] = true;
      } else if (needed > 0) {
        // Several steps without an image ID and without bytes: only their instructions are left to go by.
        exact = false;
        const ranked = [...empty.filter(({ h }) => looksLikeLayer(h.createdBy)), ...empty.filter(({ h }) => !looksLikeLayer(h.createdBy))];
        for (const { i } of ranked.slice(0, needed)) made[i] = true;
      }
    }
    start = point.index + 1;
    before = point.layers;
  }
  return { made: made.reverse(), exact };
}

/** The size of each layer, oldest first, from the entries that made them. */
export function layerSizesFromHistory(history: HistoryRow[], pairing: LayerPairing, layerCount: number): number[] {
  const sizes = history
    .map((h, i) => (pairing.made[i] ? h.size : null))
    .filter((s): s is number => s !== null)
    .reverse();
  while (sizes.length < layerCount) sizes.unshift(0);
  return sizes.slice(-layerCount);
}
