import type { z } from 'zod';
import { describeZodError } from '../validation';
import { problems } from './archive-problems';
import { TAR_WALK_LIMITS, resolveLink, type EntryInfo, type TarScan } from './tar-walk';

/** Symlinks docker save writes point one folder over; more hops than this is a loop or a trick. */
const MAX_LINK_HOPS = 8;
const BLOB_PATH = /^blobs\/sha256\/([a-f0-9]{64})$/;

export interface FoundEntry {
  /** The file the name leads to, after links. */
  path: string;
  info: EntryInfo;
}

export const blobPath = (digest: string): string => `blobs/sha256/${digest.slice('sha256:'.length)}`;

/**
 * The regular file a name leads to, following symlinks (20.10 links a layer shared by two images
 * to the first copy: `<id>/layer.tar -> ../<other>/layer.tar`) and hard links; null when absent.
 */
export function findEntry(scan: TarScan, path: string): FoundEntry | null {
  let at = path;
  for (let hop = 0; hop <= MAX_LINK_HOPS; hop += 1) {
    const info = scan.entries.get(at);
    if (!info) return null;
    if (info.type === 'file') return { path: at, info };
    if (info.linkname === null || (info.type !== 'symlink' && info.type !== 'link')) return null;
    // A hard link names its target from the archive's root, a symlink from its own folder.
    const next = info.type === 'link' ? resolveLink('', info.linkname) : resolveLink(at, info.linkname);
    if (next === null) return null;
    at = next;
  }
  return null;
}

export interface JsonFile {
  value: unknown;
  /** Hex sha256 of the file's bytes. */
  sha256: string;
}

/** Parses a remembered entry; `label` names it in messages ("manifest.json", "config 3f2a….json"). */
export function readJsonEntry(scan: TarScan, found: FoundEntry, label: string): JsonFile {
  const remembered = scan.json.get(found.path);
  if (!remembered) {
    const limit = found.path === 'manifest.json' || found.path === 'index.json' ? TAR_WALK_LIMITS.maxTopLevelManifest : TAR_WALK_LIMITS.maxJsonEntry;
    if (found.info.size > limit) throw problems.tooLarge(label, found.info.size, limit);
    throw problems.notJson(label, 'it does not start with { or [');
  }
  const blob = BLOB_PATH.exec(found.path);
  // containerd checks every blob against its name on load; a preview that did not would promise a load that fails.
  if (blob && blob[1] !== remembered.sha256) throw problems.digestMismatch(label);
  let value: unknown;
  try {
    value = JSON.parse(remembered.bytes.toString('utf8'));
  } catch (error) {
    throw problems.notJson(label, error instanceof Error ? error.message : String(error));
  }
  return { value, sha256: remembered.sha256 };
}

export function validate<S extends z.ZodType>(schema: S, value: unknown, label: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw problems.wrongShape(label, describeZodError(result.error));
  return result.data;
}

/** `linux/arm64/v8`; null when the config (or descriptor) does not say. */
export function platformOf(p: { os?: string | undefined; architecture?: string | undefined; variant?: string | undefined } | undefined): string | null {
  if (!p?.os || !p.architecture) return null;
  return p.variant ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`;
}
