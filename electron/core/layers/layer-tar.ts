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
  /**
   * @param code  INVALID_ARGUMENT: the image holds what no engine would unpack; ENGINE_ERROR: the
   *   engine's stream is damaged or cut.
   */
  constructor(
    message: string,
    readonly hint: string,
    readonly code: 'INVALID_ARGUMENT' | 'ENGINE_ERROR' = 'INVALID_ARGUMENT',
  ) {
    super(message);
    this.name = 'LayerProblem';
  }
}

const OPAQUE = '.wh..wh..opq';
const REBUILD = 'No engine would unpack this layer; rebuild the image.';

/** tar-stream's own words for a header it cannot parse or a stream that ends inside an entry. */
export const isTarDamage = (error: unknown): error is Error => error instanceof Error && /^(Invalid tar header|Unexpected end of data|Invalid header|Invalid PAX)/i.test(error.message);
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
    if (part === '..') throw new LayerProblem(`A layer holds an entry named ${JSON.stringify(name.slice(0, 200))}, which climbs out of the image's root.`, REBUILD);
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
  try {
    for await (const entry of extract) readEntry(entry.header, layer, budget, () => entry.resume());
  } catch (error) {
    if (isTarDamage(error)) throw new LayerProblem(`A layer of the image is damaged: ${error.message}.`, 'The image may be damaged in the engine’s store: pull or build it again.', 'ENGINE_ERROR');
    throw error;
  }
  return layer;
}

function readEntry(header: Header, layer: LayerContents, budget: EntryBudget, drain: () => void): void {
  drain();
  const path = layerPath(header.name);
  if (path === null) return;
  budget.take();
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1);
  const dir = slash < 0 ? '' : path.slice(0, slash);
  if (base === OPAQUE) {
    layer.opaques.push(dir);
  } else if (base.startsWith(WHITEOUT)) {
    const hidden = base.slice(WHITEOUT.length);
    if (hidden === '.' || hidden === '..') throw new LayerProblem(`A layer holds the whiteout ${JSON.stringify(path.slice(0, 200))}, which names no file.`, REBUILD);
    if (hidden !== '') layer.whiteouts.push(dir === '' ? hidden : `${dir}/${hidden}`);
  } else {
    const kind = kindOf(header.type);
    const link = header.linkname ? (kind === 'hardlink' ? hardLinkTarget(path, header.linkname) : header.linkname) : null;
    const e: LayerEntry = { path, kind, size: kind === 'file' ? (header.size ?? 0) : 0, mode: (header.mode ?? 0) & 0o7777, uid: header.uid ?? 0, gid: header.gid ?? 0, link };
    layer.entries.push(e);
  }
}

/** A hard link names its target from the root; one that climbs out is refused, naming the link. */
function hardLinkTarget(path: string, target: string): string {
  try {
    return layerPath(target) ?? '';
  } catch {
    throw new LayerProblem(`A layer holds a hard link ${JSON.stringify(path.slice(0, 200))} to ${JSON.stringify(target.slice(0, 200))}, outside the image's root.`, REBUILD);
  }
}
