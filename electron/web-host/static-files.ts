import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { contentType, resolveStaticFile } from '../core/static-path';

/** Serve a file from the built renderer; anything outside it, or missing, is a 404 (never a listing). */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse, headers: Record<string, string>): Promise<void> {
  const file = resolveStaticFile(root, urlPath);
  const info = file ? await stat(file).catch(() => null) : null;
  if (!file || !info?.isFile()) {
    res.writeHead(404, headers).end('Not found');
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Type': contentType(file), 'Content-Length': info.size });
  // pipeline: a file that vanishes between stat and read ends this response, not the process.
  await pipeline(createReadStream(file), res);
}
