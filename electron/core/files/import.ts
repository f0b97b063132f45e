import type Docker from 'dockerode';
import { open } from 'node:fs/promises';
import type { ByteProgress, ImportResult } from '../../../shared/archive-types';
import { BackendError } from '../../../shared/errors';
import { parseTagTarget } from '../../../shared/reference';
import { sniffCompression } from '../archives/archive-reader';
import { toBackendError } from '../engine/engine-errors';
import type { JobContext } from '../jobs';
import { fileToEngine } from './send-file';
import { followEngine, type EngineMessage } from './engine-stream';
import type { OpenedSource } from './sources';

export interface ImportArgs {
  name?: string;
  message: string;
  changes: string[];
}

async function head(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The query `POST /images/create?fromSrc=…` takes: repo and tag apart, changes repeated. */
function importQuery(args: ImportArgs): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  if (args.name) {
    const verdict = parseTagTarget(args.name);
    if (!verdict.ok) throw new BackendError('INVALID_ARGUMENT', verdict.message);
    query.repo = verdict.ref.familiarName;
    if (verdict.ref.tag) query.tag = verdict.ref.tag;
  }
  if (args.message !== '') query.message = args.message;
  if (args.changes.length > 0) query.changes = args.changes;
  return query;
}

function importedId(messages: readonly EngineMessage[]): string {
  const id = messages
    .map((m) => m.status?.trim() ?? '')
    .reverse()
    .find((s) => /^sha256:[a-f0-9]{64}$/.test(s));
  if (!id) throw new BackendError('ENGINE_ERROR', 'The engine imported the file but did not say which image it made.', 'Look for the newest image in the list.');
  return id;
}

/** `docker import file [name]`: one flattened filesystem becomes a one-layer image with no history. */
export async function importFile(docker: Docker, source: OpenedSource, args: ImportArgs, ctx: JobContext<ByteProgress>): Promise<ImportResult> {
  const { tar, close } = fileToEngine(source, sniffCompression(await head(source.path, 4)), ctx);
  try {
    const response = (await docker.importImage(tar, { ...importQuery(args), abortSignal: ctx.signal })) as NodeJS.ReadableStream;
    const messages = await followEngine(docker, response as never, `Importing ${source.fileName}`, 'Import takes a filesystem tar, such as docker export writes.');
    return { id: importedId(messages), name: args.name ?? null };
  } catch (err) {
    throw toBackendError(err, `Importing ${source.fileName}`);
  } finally {
    close();
  }
}

/** `docker import URL [name]`: the engine downloads the URL itself, so the engine must reach it. */
export async function importUrl(docker: Docker, url: string, args: ImportArgs, ctx: JobContext<ByteProgress>): Promise<ImportResult> {
  ctx.report({ bytes: 0, total: null, estimated: false, phase: 'engine' });
  try {
    const response = (await docker.createImage({ fromSrc: url, ...importQuery(args), abortSignal: ctx.signal })) as NodeJS.ReadableStream;
    const messages = await followEngine(
      docker,
      response as never,
      `Importing ${url}`,
      'The engine downloads the URL itself: offline or behind a firewall it cannot. Download the file on a machine that can, then import it from disk.',
    );
    return { id: importedId(messages), name: args.name ?? null };
  } catch (err) {
    throw urlProblem(err, url) ?? toBackendError(err, `Importing ${url}`);
  }
}

const OFFLINE_HINT = 'The engine downloads the URL itself: offline or behind a firewall it cannot. Download the file on a machine that can, then import it from disk.';

/** The engine's words about a URL it could not fetch, said as what they mean. */
function urlProblem(err: unknown, url: string): BackendError | null {
  const e = err as { statusCode?: number; json?: { message?: string }; message?: string; detail?: string } | null;
  const text = [e?.json?.message, e?.detail, e?.message].filter((t): t is string => typeof t === 'string').join(' ');
  if (/no such host|server misbehaving|dial tcp|connection refused|i\/o timeout|network is unreachable|TLS handshake/i.test(text)) {
    return new BackendError('ENGINE_ERROR', `The engine could not reach ${url}.`, OFFLINE_HINT, text).translatedAs('files.urlUnreachable', { url });
  }
  const status = /status (?:code )?(\d{3})|\b(\d{3}) (?:Not Found|Forbidden|Unauthorized)/i.exec(text);
  const code = status?.[1] ?? status?.[2];
  if (code) {
    return new BackendError('ENGINE_ERROR', `The engine fetched ${url}, and the server answered ${code}.`, 'Check the URL in a browser: the server refused to give the engine that file.', text).translatedAs('files.urlStatus', { url, status: code });
  }
  return null;
}
