import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { sniffCompression, tarStreamOf } from '../archives/compression';
import { splitHead } from '../archives/stream-head';
import { archivePath, TAR_WALK_LIMITS, type EntryInfo, type TarScan } from '../archives/tar-walk';
import { isTarDamage, LayerProblem, readLayerTar, type EntryBudget } from './layer-tar';
import type { LayerContents } from './layer-stack';

export interface SavedLayers {
  /** The archive's entries and small JSON bodies, as the archive readers (manifest.json, index.json) expect them. */
  scan: TarScan;
  /** Each layer file's contents, by its path in the archive. */
  layers: Map<string, LayerContents>;
}

const BLOB = /^blobs\/sha256\/[a-f0-9]{64}$/;
const LAYER_TAR = /(^|\/)layer\.tar$/;
const HEAD = 512;

const kindOf = (type: string | null | undefined): EntryInfo['type'] =>
  type === 'file' || type === 'contiguous-file' ? 'file' : type === 'symlink' || type === 'link' || type === 'directory' ? type : 'other';

const isTar = (head: Buffer) => head.length >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar';

/** The whole body (head included, as `rest` replays it); null past `limit`. */
async function readAll(rest: AsyncIterable<Buffer>, limit: number): Promise<Buffer | null> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of rest) {
    length += chunk.length;
    if (length > limit) return null;
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

/**
 * Walks a `docker save` stream once: every layer blob (plain, gzip or zstd; found by its content, as
 * the layouts name them differently) is read as a tar on the fly, and manifests and configs are kept.
 * Nothing is written to disk and no file body stays in memory.
 */
export async function walkSave(source: Readable, budget: EntryBudget, onBytes: (bytes: number) => void): Promise<SavedLayers> {
  try {
    return await walk(source, budget, onBytes);
  } catch (error) {
    if (isTarDamage(error)) throw new LayerProblem(`The engine’s save stream is damaged or ended early: ${error.message}.`, 'Try again; if it keeps failing, check the engine’s log.', 'ENGINE_ERROR');
    throw error;
  }
}

async function walk(source: Readable, budget: EntryBudget, onBytes: (bytes: number) => void): Promise<SavedLayers> {
  const scan: TarScan = { entries: new Map(), json: new Map(), entryCount: 0, entriesOverflow: false, jsonOverflow: false, tarBytes: 0 };
  const layers = new Map<string, LayerContents>();
  let jsonTotal = 0;
  source.on('data', (chunk: Buffer) => {
    scan.tarBytes += chunk.length;
    onBytes(scan.tarBytes);
  });
  const extract = tar.extract();
  source.on('error', (error) => extract.destroy(error));
  source.pipe(extract);
  for await (const entry of extract) {
    const header = entry.header;
    const path = archivePath(header.name);
    if (path === null) throw new LayerProblem(`The engine's save stream holds an entry named ${JSON.stringify(header.name.slice(0, 200))}.`, 'Check the engine; Stevedore read nothing further.');
    scan.entryCount += 1;
    const info: EntryInfo = { type: kindOf(header.type), size: header.size ?? 0, linkname: header.linkname ?? null };
    if (scan.entries.size >= TAR_WALK_LIMITS.maxEntries) throw new LayerProblem('The save stream holds more entries than any image archive has.', 'Check the engine.');
    scan.entries.set(path, info);
    const candidate = info.type === 'file' && (BLOB.test(path) || LAYER_TAR.test(path) || !path.includes('/'));
    if (!candidate) {
      entry.resume();
      continue;
    }
    const { head, stream: rest } = await splitHead(entry, HEAD);
    const compression = sniffCompression(head);
    // An empty layer (20.10 makes one for WORKDIR) is a tar of nothing but its zero end blocks.
    const emptyTar = path.includes('/') && head.length >= 512 && head.subarray(0, 512).every((b) => b === 0);
    if (compression !== 'none' || isTar(head) || emptyTar) {
      layers.set(path, await readLayerTar(tarStreamOf(rest, compression), budget));
      continue;
    }
    const first = head.find((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
    const limit = path === 'manifest.json' || path === 'index.json' ? TAR_WALK_LIMITS.maxTopLevelManifest : TAR_WALK_LIMITS.maxJsonEntry;
    if ((first === 0x7b || first === 0x5b) && info.size <= limit && jsonTotal + info.size <= TAR_WALK_LIMITS.maxJsonTotal) {
      const bytes = await readAll(rest, limit);
      if (bytes) {
        jsonTotal += bytes.length;
        scan.json.set(path, { bytes, sha256: createHash('sha256').update(bytes).digest('hex') });
      }
      continue;
    }
    rest.resume();
    await new Promise((resolve) => rest.once('end', resolve));
  }
  return { scan, layers };
}
