import { spawn } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';

/**
 * The docker credential-helper protocol, as the docker CLI speaks it: run `docker-credential-<name>`
 * from PATH with one argument (get, store, erase, list), the request on stdin, the answer on stdout.
 * Never through a shell, with a bounded time and output; the secret travels on stdin only (never in
 * argv, which other users can read) and never reaches an error's text.
 */

/** A helper is a program name, not a path: a hostile config.json must not make us run /tmp/x. */
export const HELPER_NAME = /^[a-zA-Z0-9_.-]+$/;
export const HELPER_TIMEOUT_MS = 10_000;
export const HELPER_MAX_OUTPUT = 1024 * 1024;
/** What docker-credential-helpers print (on stdout, exit 1) when they hold nothing for a server. */
const NOT_FOUND = /credentials not found in native keychain/i;

export type HelperAction = 'get' | 'store' | 'erase' | 'list';

export interface HelperRunOptions {
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  maxOutputBytes: number;
}

export interface HelperCredentials {
  serverURL: string;
  username: string;
  secret: string;
}

export type HelperFailureKind = 'refused-name' | 'missing' | 'timeout' | 'too-much-output' | 'failed' | 'bad-answer';

/** Why a helper could not answer. `detail` is already stripped of anything that may be a secret. */
export class HelperFailure extends Error {
  constructor(
    readonly kind: HelperFailureKind,
    readonly helper: string,
    readonly detail?: string,
  ) {
    super(`docker-credential-${HELPER_NAME.test(helper) ? helper : '?'}: ${kind}`);
    this.name = 'HelperFailure';
  }
}

/** The helper's own words, safe to show: one line, short, and withheld when it may carry a secret. */
export function safeDetail(text: string, secrets: readonly string[] = []): string | undefined {
  const line = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '');
  if (line === undefined) return undefined;
  if (secrets.some((s) => s !== '' && (text.includes(s) || line.includes(s))) || /secret|password|token|[{"]/i.test(line)) {
    return '(the helper’s output is not shown: it may contain a secret)';
  }
  const printable = line.replace(/[^\x20-\x7e\u00a0-\uffff]/g, '?');
  return printable.length > 200 ? `${printable.slice(0, 200)}…` : printable;
}

/** `docker-credential-<name>` from the absolute folders of PATH (a relative one such as "." is skipped). */
export async function findHelper(name: string, env: NodeJS.ProcessEnv): Promise<string> {
  if (!HELPER_NAME.test(name) || name === '.' || name === '..') throw new HelperFailure('refused-name', name);
  const pathVar = env.PATH ?? env.Path ?? '';
  const names = process.platform === 'win32' ? [`docker-credential-${name}.exe`] : [`docker-credential-${name}`];
  for (const dir of pathVar.split(delimiter)) {
    if (dir === '' || !isAbsolute(dir)) continue;
    for (const file of names) {
      const candidate = join(dir, file);
      try {
        if (!(await stat(candidate)).isFile()) continue;
        await access(candidate, fsConstants.X_OK);
        return candidate;
      } catch {}
    }
  }
  throw new HelperFailure('missing', name);
}

interface RunResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

function run(program: string, name: string, action: HelperAction, input: string, opts: HelperRunOptions, secrets: readonly string[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const posix = process.platform !== 'win32';
    // Its own process group on POSIX, so a timeout also ends whatever the helper started.
    const child = spawn(program, [action], { env: opts.env, stdio: ['pipe', 'pipe', 'pipe'], shell: false, windowsHide: true, detached: posix });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const kill = (): void => {
      try {
        if (posix && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      kill();
      finish(() => reject(new HelperFailure('timeout', name)));
    }, opts.timeoutMs);
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > opts.maxOutputBytes) {
        kill();
        finish(() => reject(new HelperFailure('too-much-output', name)));
        return;
      }
      into.push(chunk);
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    child.on('error', (e: NodeJS.ErrnoException) => finish(() => reject(new HelperFailure(e.code === 'ENOENT' ? 'missing' : 'failed', name, safeDetail(e.code ?? e.message, secrets)))));
    child.on('close', (exitCode) => finish(() => resolve({ exitCode, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') })));
    // A helper that exits without reading stdin gives EPIPE here; its exit status says what happened.
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

function isNotFound(result: RunResult): boolean {
  return result.exitCode !== 0 && (NOT_FOUND.test(result.stdout) || NOT_FOUND.test(result.stderr));
}

function failed(name: string, result: RunResult, secrets: readonly string[]): HelperFailure {
  const words = safeDetail(result.stderr, secrets) ?? safeDetail(result.stdout, secrets);
  return new HelperFailure('failed', name, `exit ${result.exitCode ?? 'by signal'}${words ? `: ${words}` : ''}`);
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The credentials a helper holds for exactly this server URL, or null when it holds none. */
export async function helperGet(name: string, serverURL: string, opts: HelperRunOptions): Promise<HelperCredentials | null> {
  const result = await run(await findHelper(name, opts.env), name, 'get', serverURL, opts, []);
  if (isNotFound(result)) return null;
  if (result.exitCode !== 0) throw failed(name, result, []);
  const answer = parseObject(result.stdout);
  // Never quote the answer: it is where the secret is.
  if (answer === null || typeof answer.Username !== 'string' || typeof answer.Secret !== 'string') throw new HelperFailure('bad-answer', name);
  if (answer.Username === '' && answer.Secret === '') return null;
  return { serverURL: typeof answer.ServerURL === 'string' && answer.ServerURL !== '' ? answer.ServerURL : serverURL, username: answer.Username, secret: answer.Secret };
}

export async function helperStore(name: string, creds: HelperCredentials, opts: HelperRunOptions): Promise<void> {
  const input = JSON.stringify({ ServerURL: creds.serverURL, Username: creds.username, Secret: creds.secret });
  const result = await run(await findHelper(name, opts.env), name, 'store', input, opts, [creds.secret]);
  if (result.exitCode !== 0) throw failed(name, result, [creds.secret]);
}

/** Erase; a helper that already holds nothing for the server has nothing to erase, which is success. */
export async function helperErase(name: string, serverURL: string, opts: HelperRunOptions): Promise<void> {
  const result = await run(await findHelper(name, opts.env), name, 'erase', serverURL, opts, []);
  if (result.exitCode !== 0 && !isNotFound(result)) throw failed(name, result, []);
}

/** Server URL → username, for every server the helper holds credentials for. */
export async function helperList(name: string, opts: HelperRunOptions): Promise<Map<string, string>> {
  const result = await run(await findHelper(name, opts.env), name, 'list', '', opts, []);
  if (result.exitCode !== 0) throw failed(name, result, []);
  const answer = parseObject(result.stdout.trim() === '' ? '{}' : result.stdout);
  if (answer === null) throw new HelperFailure('bad-answer', name);
  const entries = new Map<string, string>();
  for (const [url, username] of Object.entries(answer)) if (typeof username === 'string') entries.set(url, username);
  return entries;
}
