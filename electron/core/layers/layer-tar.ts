import type { Readable } from 'node:stream';
import tar, { type Header } from 'tar-stream';
import type { LayerFileKind } from '../../../shared/layer-types';
import type { LayerContents, LayerEntry } from './layer-stack';

/** Bounds one analysis: past them the image is refused rather than the host's memory spent. */
export const LAYER_LIMITS = {
  /** Entries over every layer of the image (an entry costs about 200 bytes while the analysis lives). */
  maxEntries: 2_000_000,
  maxPath: 4096,
};

export class LayerProblem extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'LayerProblem';
  }
}

const OPAQUE = '.wh..wh..opq';
const WHITEOUT = '.wh.';

function kindOf(type: Header['type']): LayerFileKind {
  switch (type) {
    case 'file':
    case 'contiguous-file':
      return 'file';
    case 'directory':
      return 'dir';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'hardlink';
    default:
      return 'other';
  }
}

/** `./usr//bin/` → `usr/bin`; null for the root itself; a LayerProblem for a name that climbs out. */
export function layerPath(name: string): string | null {
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') throw new LayerProblem(`A layer holds an entry named ${JSON.stringify(name.slice(0, 200))}, which climbs out of the image's root.`, 'No engine would unpack this layer; rebuild the image.');
    parts.push(part);
  }
  if (parts.length === 0) return null;
  const path = parts.join('/');
  if (path.length > LAYER_LIMITS.maxPath) throw new LayerProblem(`A layer holds a path of ${path.length} characters, longer than the ${LAYER_LIMITS.maxPath} Stevedore reads.`, 'Rebuild the image without such paths.');
  return path;
}

/** Counts entries across all the layers of one analysis. */
export class EntryBudget {
  used = 0;
  take(): void {
    this.used += 1;
    if (this.used > LAYER_LIMITS.maxEntries) {
      throw new LayerProblem(`This image holds more than ${LAYER_LIMITS.maxEntries.toLocaleString('en')} files over its layers, more than Stevedore analyses at once.`, 'Look inside with `docker save IMAGE | tar -t` instead.');
    }
  }
}

/**
 * Reads a layer's tar (already decompressed) to its end, keeping every entry's metadata and dropping
 * file bodies as they pass: a layer of any size costs only its entry list.
 */
export async function readLayerTar(stream: Readable, budget: EntryBudget): Promise<LayerContents> {
  const layer: LayerContents = { entries: [], whiteouts: [], opaques: [] };
  const extract = tar.extract({ allowUnknownFormat: true } as Parameters<typeof tar.extract>[0]);
  stream.on('error', (error) => extract.destroy(error));
  stream.pipe(extract);
  for await (const entry of extract) {
    const header = entry.header;
    entry.resume();
    const path = layerPath(header.name);
    if (path === null) continue;
    budget.take();
    const slash = path.lastIndexOf('/');
    const base = path.slice(slash + 1);
    const dir = slash < 0 ? '' : path.slice(0, slash);
    if (base === OPAQUE) {
      layer.opaques.push(dir);
    } else if (base.startsWith(WHITEOUT)) {
      const hidden = base.slice(WHITEOUT.length);
      if (hidden !== '') layer.whiteouts.push(dir === '' ? hidden : `${dir}/${hidden}`);
    } else {
      const kind = kindOf(header.type);
      const link = header.linkname ? (kind === 'hardlink' ? (layerPath(header.linkname) ?? '') : header.linkname) : null;
      const e: LayerEntry = { path, kind, size: kind === 'file' ? (header.size ?? 0) : 0, mode: (header.mode ?? 0) & 0o7777, uid: header.uid ?? 0, gid: header.gid ?? 0, link };
      layer.entries.push(e);
    }
  }
  return layer;
}
