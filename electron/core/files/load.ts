import type Docker from 'dockerode';
import type { ByteProgress, LoadedImage, LoadResult } from '../../../shared/archive-types';
import { BackendError } from '../../../shared/errors';
import { imageObject } from '../engine/engine-objects';
import { toBackendError } from '../engine/engine-errors';
import type { JobContext } from '../jobs';
import { readSource } from './archive-preview';
import { fileToEngine } from './send-file';
import { followEngine } from './engine-stream';
import type { OpenedSource } from './sources';

const LOADED_NAME = /^Loaded image: (.+)$/;
const LOADED_ID = /^Loaded image ID: (sha256:[a-f0-9]{64})$/;

/** The engine's "Loaded image: …" lines, each name paired with the image it now names. */
async function loadedImages(docker: Docker, lines: readonly string[]): Promise<LoadedImage[]> {
  const loaded: LoadedImage[] = [];
  for (const line of lines) {
    const id = LOADED_ID.exec(line);
    if (id) {
      loaded.push({ name: null, id: id[1]! });
      continue;
    }
    const name = LOADED_NAME.exec(line)?.[1];
    if (!name) continue;
    const info = (await imageObject(docker, name).inspect().catch(() => null)) as { Id: string } | null;
    loaded.push({ name, id: info?.Id ?? '' });
  }
  return loaded;
}

/**
 * `docker load -i`. The archive is read through first, so a file that is not an image archive, is cut
 * short or names content it lacks is refused before the engine sees a byte (the engine would otherwise
 * keep whatever images came before the damage). Decompression happens here, so the engine gets a plain
 * tar whatever it supports, and progress is the file's bytes as we send them.
 */
export async function loadArchive(docker: Docker, source: OpenedSource, ctx: JobContext<ByteProgress>): Promise<LoadResult> {
  const total = source.bytes;
  ctx.report({ bytes: 0, total, estimated: false, phase: 'reading' });
  const contents = await readSource(source, ctx.signal, (bytes) => ctx.report({ bytes, total, estimated: false, phase: 'reading' }));
  const { tar, close, bytes } = fileToEngine(source, contents.compression, ctx);
  try {
    const response = (await docker.loadImage(tar, { quiet: true, abortSignal: ctx.signal })) as NodeJS.ReadableStream;
    const messages = await followEngine(docker, response as never, `Loading ${source.fileName}`, 'The file was read through without a problem, so the engine’s words below say why.');
    const lines = messages.flatMap((m) => (m.stream ?? '').split('\n').map((l) => l.trim())).filter(Boolean);
    const loaded = await loadedImages(docker, lines);
    if (loaded.length === 0) throw new BackendError('ENGINE_ERROR', `Loading ${source.fileName}: the engine loaded nothing.`, 'Check the engine’s log.', lines.join('\n'));
    return { loaded, bytes: bytes() };
  } catch (err) {
    throw toBackendError(err, `Loading ${source.fileName}`);
  } finally {
    close();
  }
}
