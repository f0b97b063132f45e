import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 playing a registry (or a token server, or a blob store) that
 * answers whatever a test wants, odd or hostile, and records every request it got. For tests only.
 */

export interface Hit {
  method: string;
  url: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  accept: string | undefined;
  body: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, hit: Hit) => unknown;

export interface FakeServer {
  /** "127.0.0.1:port", what RegistryApiOptions.registry takes. */
  host: string;
  origin: string;
  hits: Hit[];
  /** Replaces the handler (the default answers 404 with a registry error). */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export const sha256 = (body: Buffer | string): string => `sha256:${createHash('sha256').update(body).digest('hex')}`;

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(body.length), ...headers });
  res.end(body);
}

export function registryErrorBody(code: string, message: string): { errors: { code: string; message: string }[] } {
  return { errors: [{ code, message }] };
}

export const notFound: Handler = (_req, res) => sendJson(res, 404, registryErrorBody('NAME_UNKNOWN', 'repository name not known to registry'));

export async function fakeServer(initial: Handler = notFound): Promise<FakeServer> {
  let handler = initial;
  const hits: Hit[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const hit: Hit = {
        method: req.method ?? '',
        url: req.url ?? '',
        path: url.pathname,
        query: url.searchParams,
        authorization: req.headers.authorization,
        accept: req.headers.accept,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      hits.push(hit);
      res.on('error', () => {});
      Promise.resolve(handler(req, res, hit)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    origin: `http://127.0.0.1:${port}`,
    hits,
    handle: (h) => {
      handler = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An image as a registry stores it: config blob, layers and a schema 2 manifest over them. */
export function imageFixture(options: { created?: unknown; layerSizes?: number[]; mediaType?: string; architecture?: string } = {}) {
  const config = Buffer.from(JSON.stringify({ created: options.created ?? '2024-05-01T10:00:00.123456789Z', architecture: options.architecture ?? 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }));
  const mediaType = options.mediaType ?? 'application/vnd.docker.distribution.manifest.v2+json';
  const layers = (options.layerSizes ?? [1000, 2500]).map((size, i) => ({ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', digest: sha256(`layer ${i} ${size} ${options.architecture ?? ''}`), size }));
  const manifest = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType, config: { mediaType: 'application/vnd.docker.container.image.v1+json', digest: sha256(config), size: config.length }, layers }, null, 3),
  );
  return { config, configDigest: sha256(config), manifest, digest: sha256(manifest), mediaType, layers };
}

export function sendBody(res: ServerResponse, status: number, body: Buffer, headers: Record<string, string>): void {
  res.writeHead(status, { 'content-length': String(body.length), ...headers });
  res.end(body);
}
