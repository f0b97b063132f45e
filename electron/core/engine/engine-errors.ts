import { BackendError, type ErrorCode } from '../../../shared/errors';

export interface NodeishError {
  code?: string;
  errno?: number;
  statusCode?: number;
  reason?: string;
  json?: { message?: string } | null;
  message?: string;
}

const UNREACHABLE = new Set(['ENOENT', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);
const DENIED = new Set(['EACCES', 'EPERM']);

export type ConnectionProblem = 'unreachable' | 'permission-denied';

/** Socket-level failures say the engine is not there (or not ours to use), not that a call was wrong. */
export function connectionProblem(err: unknown): ConnectionProblem | null {
  const e = err as NodeishError;
  // A file-system error names the file it was about (a socket's names its address): an ENOENT or
  // EACCES from opening a file the user chose says nothing about the engine.
  if (e && typeof (e as { path?: unknown }).path === 'string') return null;
  if (e && typeof e.code === 'string') {
    if (DENIED.has(e.code)) return 'permission-denied';
    if (UNREACHABLE.has(e.code)) return 'unreachable';
  }
  if (e && typeof e.message === 'string' && /All configured authentication methods failed|Timed out while waiting for handshake/.test(e.message)) return 'unreachable';
  return null;
}

/** The engine's first line, without the status prefix dockerode adds, kept short for a message. */
function firstLine(text: string): string {
  const line = text.replace(/^\(HTTP code \d+\)[^-]*- /, '').split('\n')[0]!.trim().replace(/\.$/, '');
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

export function daemonText(e: NodeishError): string {
  if (e.json && typeof e.json.message === 'string') return e.json.message;
  return typeof e.message === 'string' ? e.message : String(e);
}

const STATUS_CODES: Record<number, ErrorCode> = { 400: 'INVALID_ARGUMENT', 401: 'AUTH', 403: 'AUTH', 404: 'NOT_FOUND', 409: 'CONFLICT' };

/** Turn whatever dockerode threw into our error shape, keeping the daemon's words in `detail`. */
export function toBackendError(err: unknown, what: string): BackendError {
  if (err instanceof BackendError) return err;
  const e = (err ?? {}) as NodeishError;
  const problem = connectionProblem(err);
  const detail = daemonText(e);
  if (problem === 'permission-denied') {
    return new BackendError('PERMISSION_DENIED', 'Permission denied on the Docker socket.', 'Add your user to the docker group (sudo usermod -aG docker $USER), then log out and back in.', detail);
  }
  if (problem === 'unreachable') {
    return new BackendError('ENGINE_UNREACHABLE', 'The Docker Engine cannot be reached.', 'Start Docker (sudo systemctl start docker, or open Docker Desktop) or check DOCKER_HOST.', detail);
  }
  if (e.code === 'ABORT_ERR' || (e as { name?: string }).name === 'AbortError') {
    return new BackendError('CANCELLED', `${what}: cancelled.`, undefined, detail);
  }
  if (typeof e.statusCode === 'number') {
    // The engine answers some bad names with 500; its words say what it is.
    if (/invalid reference format|must be lowercase|invalid tag format|repository name must/i.test(detail)) {
      return new BackendError('INVALID_ARGUMENT', `${what}: the engine refused the name: ${firstLine(detail)}.`, 'Check the name against Docker’s rules, e.g. registry.example.com:5000/team/app:1.0.', detail);
    }
    if (/already running/i.test(detail)) return new BackendError('BUSY', `${what}: ${firstLine(detail)}.`, 'Wait for it to finish, then try again.', detail);
    if (e.statusCode === 400) return new BackendError('INVALID_ARGUMENT', `${what}: the engine refused: ${firstLine(detail)}.`, undefined, detail);
    const code = STATUS_CODES[e.statusCode] ?? 'ENGINE_ERROR';
    // The engine's 404 text names what is missing ("No such image: foo:1"); that is the clearest message.
    const message = code === 'NOT_FOUND' ? (/^No such /i.test(detail) ? `${detail}.` : `${what}: not found.`) : `${what}: the engine refused (${e.statusCode}).`;
    return new BackendError(code, message, undefined, detail);
  }
  return new BackendError('INTERNAL', `${what}: unexpected failure.`, undefined, detail);
}
