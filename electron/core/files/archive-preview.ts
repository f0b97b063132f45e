import type Docker from 'dockerode';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ArchiveContents, ArchivePreview, ArchiveTagFate } from '../../../shared/archive-types';
import type { ImageStore } from '../../../shared/engine-types';
import { imageObject } from '../engine/engine-objects';
import { toBackendError } from '../engine/engine-errors';
import { readArchive } from '../archives/archive-reader';
import { byteCounter } from './byte-counter';
import type { OpenedSource } from './sources';
import { STREAM_BUFFER } from './io-sizes';

type ImageStoreKind = ImageStore['kind'];

/**
 * Archives already read through, by file identity: the dialog previews a file and then loads it, and
 * a second full read of a multi-GB file between the two would double the wait. A file changed since
 * (size, mtime or inode differ) is read again.
 */
const READ_THROUGH = new Map<string, ArchiveContents>();
const MAX_REMEMBERED = 32;

async function identity(path: string): Promise<string> {
  const s = await stat(path);
  return `${path}\0${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}`;
}

/** Read the whole archive once, counting the file's bytes as they are read. */
export async function readSource(source: OpenedSource, signal: AbortSignal, onBytes: (n: number) => void = () => undefined): Promise<ArchiveContents> {
  const key = await identity(source.path);
  const known = READ_THROUGH.get(key);
  if (known) {
    onBytes(source.bytes);
    return known;
  }
  const raw = createReadStream(source.path, { highWaterMark: STREAM_BUFFER }).pipe(byteCounter(onBytes));
  try {
    const contents = await readArchive(raw, { fileName: source.fileName, signal });
    READ_THROUGH.set(key, contents);
    if (READ_THROUGH.size > MAX_REMEMBERED) READ_THROUGH.delete(READ_THROUGH.keys().next().value!);
    return contents;
  } finally {
    raw.destroy();
  }
}

async function localId(docker: Docker, tag: string): Promise<string | null> {
  try {
    return ((await imageObject(docker, tag).inspect()) as { Id: string }).Id;
  } catch (err) {
    if (toBackendError(err, 'Looking up a name').code === 'NOT_FOUND') return null;
    throw err;
  }
}

/**
 * What each name in the archive does to the engine: new, already this very image, or moved off the
 * image it names now. The legacy store's image ID is the config digest; the containerd store's is the
 * manifest or index digest, which only an OCI archive states: otherwise the name just "exists".
 */
export async function tagFates(docker: Docker, store: ImageStoreKind, contents: ArchiveContents): Promise<ArchiveTagFate[]> {
  const fates: ArchiveTagFate[] = [];
  for (const image of contents.images) {
    const ownId = store === 'containerd' ? image.targetDigest : image.configDigest;
    for (const tag of image.tags) {
      const currentId = await localId(docker, tag);
      if (currentId === null) fates.push({ tag, fate: 'new' });
      else if (ownId === null) fates.push({ tag, fate: 'exists', currentId });
      else fates.push({ tag, fate: currentId === ownId ? 'same' : 'replaces', currentId });
    }
  }
  return fates;
}

export async function previewArchive(docker: Docker, store: ImageStoreKind, source: OpenedSource, signal: AbortSignal): Promise<ArchivePreview> {
  const contents = await readSource(source, signal);
  return { ...contents, fileName: source.fileName, fileBytes: source.bytes, tagFates: await tagFates(docker, store, contents) };
}
