import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Backend } from '../core/backend';
import { streams } from '../../shared/contract';
import { isStreamName, parseStreamArgs } from '../core/streams';
import { toBackendError } from '../core/engine/engine-errors';
import type { ErrorCode, StevedoreError } from '../../shared/errors';
import { STREAM_KEY_HEADER, STREAM_PATH } from '../../shared/transport';
import type { HostLog } from './host-log';
import { originAllowed, tokensEqual } from './security';

/** A download link works once, for a minute: long enough to click, too short to leak usefully. */
export const TICKET_TTL_MS = 60_000;
const MAX_TICKETS = 64;

const STATUS: Partial<Record<ErrorCode, number>> = { INVALID_ARGUMENT: 400, NOT_FOUND: 404, CONFLICT: 409, AUTH: 403, PERMISSION_DENIED: 403, BUSY: 429, IO: 507, CANCELLED: 499 };

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

const failure = (res: ServerResponse, error: StevedoreError, headers: Record<string, string>) => answer(res, STATUS[error.code] ?? 500, { ok: false, error }, headers);

function argsOf(query: URLSearchParams): unknown {
  const raw = query.get('args');
  if (raw === null || raw.length > 64 * 1024) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The contract's byte streams over plain HTTP. Like the WebSocket, each needs the cookie *and* the
 * page's API key (a header), so another local server that receives the cookie still cannot use them.
 * A browser download cannot send a header: the page asks (with the key) for a one-time ticket, then
 * navigates to it.
 */
export function createStreamRoutes(backend: Backend, port: number | (() => number), token: string, baseHeaders: Record<string, string>, log: HostLog) {
  const tickets = new Map<string, { args: unknown; expires: number }>();
  const portNow = () => (typeof port === 'number' ? port : port());

  function ioFor(req: IncomingMessage, res: ServerResponse) {
    const gone = new Promise<void>((resolve) => {
      res.on('close', () => {
        if (!res.writableFinished) resolve();
      });
    });
    return {
      body: req,
      length: req.headers['content-length'] !== undefined && /^\d{1,16}$/.test(req.headers['content-length']) ? Number(req.headers['content-length']) : null,
      gone,
      open: (fileName: string, contentType: string) => {
        res.writeHead(200, {
          ...baseHeaders,
          'Content-Type': contentType,
          'Content-Disposition': `attachment; filename="${fileName.replace(/["\\]/g, '_')}"`,
        });
        return res;
      },
    };
  }

  return function handleStream(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): void {
    const name = path.slice(STREAM_PATH.length);
    if (!isStreamName(name)) return answer(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'No such stream.' } }, baseHeaders);
    if (req.method === 'POST') {
      if (!originAllowed(req, portNow(), true)) return answer(res, 403, { ok: false, error: { code: 'AUTH', message: 'Cross-origin requests are refused.' } }, baseHeaders);
      const key = req.headers[STREAM_KEY_HEADER];
      if (!tokensEqual(typeof key === 'string' ? key : undefined, token)) {
        req.resume();
        return answer(res, 403, { ok: false, error: { code: 'AUTH', message: 'This request needs the page’s API key: reload the page.' } }, baseHeaders);
      }
      if (query.get('ticket') === '1' && streams[name].method === 'GET') {
        // Validated now, so a bad request fails here with a message instead of as a broken download.
        let args: unknown;
        try {
          args = parseStreamArgs(name, argsOf(query));
        } catch (err) {
          return failure(res, toBackendError(err, name).toData(), baseHeaders);
        }
        const now = Date.now();
        for (const [id, t] of tickets) if (t.expires < now) tickets.delete(id);
        if (tickets.size >= MAX_TICKETS) return failure(res, { code: 'BUSY', message: 'Too many downloads waiting to start.' }, baseHeaders);
        const ticket = randomBytes(18).toString('base64url');
        tickets.set(ticket, { args, expires: now + TICKET_TTL_MS });
        return answer(res, 200, { ok: true, value: { url: `${STREAM_PATH}${name}?ticket=${ticket}` } }, baseHeaders);
      }
      if (streams[name].method !== 'POST') return answer(res, 405, { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'Method not allowed.' } }, baseHeaders);
      void backend.stream(name, argsOf(query), ioFor(req, res)).then(
        (outcome) => (outcome.ok ? answer(res, 200, outcome, baseHeaders) : failure(res, outcome.error, baseHeaders)),
        (err: unknown) => {
          log('an upload failed', err);
          res.destroy();
        },
      );
      return;
    }
    if (req.method !== 'GET' || streams[name].method !== 'GET') return answer(res, 405, { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'Method not allowed.' } }, baseHeaders);
    const ticketId = query.get('ticket') ?? '';
    const ticket = tickets.get(ticketId);
    tickets.delete(ticketId);
    if (!ticket || ticket.expires < Date.now()) {
      return answer(res, 403, { ok: false, error: { code: 'AUTH', message: 'This download link has expired or was used: start the download again from Stevedore.' } }, baseHeaders);
    }
    void backend.stream(name, ticket.args, ioFor(req, res)).then(
      (outcome) => {
        if (outcome.ok) {
          if (!res.writableEnded) res.end();
        } else failure(res, outcome.error, baseHeaders);
      },
      (err: unknown) => {
        log('a download failed', err);
        res.destroy();
      },
    );
  };
}
