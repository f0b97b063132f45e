import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO, STATE_DIR } from './env';

const BUILT = path.join(REPO, 'dist');
/**
 * The web host and renderer the specs run, copied from dist/ once per run: the checkout is shared, and
 * a rebuild half-way through (npm run web, npm run build) must not change the app under test.
 */
const SNAPSHOT = path.join(STATE_DIR, 'e2e-dist');
const WEB_HOST_ENTRY = path.join(SNAPSHOT, 'web-host', 'web-host.cjs');

export function snapshotBuild(): void {
  fs.rmSync(SNAPSHOT, { recursive: true, force: true });
  for (const part of ['renderer', 'web-host']) {
    fs.cpSync(path.join(BUILT, part), path.join(SNAPSHOT, part), { recursive: true });
  }
}

export function removeBuildSnapshot(): void {
  fs.rmSync(SNAPSHOT, { recursive: true, force: true });
}
const URL_LINE = /Stevedore web host: (http:\/\/\S+)/;

export interface RunningWebHost {
  /** The token URL the host printed. */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  token: string;
  pid: number;
  /** Everything the process wrote so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `node dist/web-host/web-host.cjs --port N --docker-host …` (a free port by default) and waits for the URL line it prints. */
export async function startWebHostProcess(dockerHost: string, timeoutMs = 20_000, port = 0): Promise<RunningWebHost> {
  if (!fs.existsSync(WEB_HOST_ENTRY)) throw new Error(`${WEB_HOST_ENTRY} is missing: global setup copies it from dist/ (npm run build)`);
  // A docker config of its own, empty: the host never reads (or uses) the logins of whoever runs the tests.
  const dockerConfig = fs.mkdtempSync(path.join(STATE_DIR, 'e2e-docker-config-'));
  const child = spawn(process.execPath, [WEB_HOST_ENTRY, '--port', String(port), '--docker-host', dockerHost], {
    cwd: REPO,
    env: { ...process.env, DOCKER_CONFIG: dockerConfig, XDG_CONFIG_HOME: dockerConfig },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (output += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (output += s));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`the web host printed no URL within ${timeoutMs} ms`)), timeoutMs);
    const onData = () => {
      const m = URL_LINE.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.off('exit', onExit);
        resolve(m[1]);
      }
    };
    const onExit = (code: number | null, signal: string | null) => fail(new Error(`the web host exited (${code ?? signal}) before printing its URL`));
    function fail(err: Error) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${err.message}. Output:\n${output}`));
    }
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });

  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token') ?? '',
    pid: child.pid ?? -1,
    output: () => output,
    stop: async () => {
      await stopChild(child);
      fs.rmSync(dockerConfig, { recursive: true, force: true });
    },
  };
}

async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
