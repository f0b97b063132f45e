import fs from 'node:fs';
import path from 'node:path';

/** The repository root (this file lives in e2e/support/). */
export const REPO = path.resolve(__dirname, '..', '..');
export const STATE_DIR = path.join(REPO, '.stevedore-test');
/** Written by global setup, read by fixtures and specs. */
export const E2E_ENV_FILE = path.join(STATE_DIR, 'e2e.json');

export interface E2EEnv {
  /** The token URL of the shared web host, e.g. http://127.0.0.1:PORT/?token=… */
  url: string;
  webHostPid: number;
  /** The private engine, as scripts/test-engine.mjs describes it. */
  dockerHost: string;
  socketPath: string;
  dockerConfig: string;
  registry: { address: string; username: string; password: string };
  /** True when global setup started the engine (so teardown stops it). */
  startedEngine: boolean;
  /** The binary and display for the electron project, or why it is skipped (one clause, for the skip line). */
  electron: { path: string; display: string | null } | { path: null; reason: string };
}

export function writeE2EEnv(env: E2EEnv): void {
  fs.mkdirSync(STATE_DIR, { recursive: true });
  fs.writeFileSync(E2E_ENV_FILE, JSON.stringify(env, null, 2) + '\n');
}

export function readE2EEnv(): E2EEnv {
  try {
    return JSON.parse(fs.readFileSync(E2E_ENV_FILE, 'utf8')) as E2EEnv;
  } catch (err) {
    throw new Error(`No e2e environment at ${E2E_ENV_FILE}: run the specs through \`npx playwright test\` so e2e/global-setup.ts prepares it (${String(err)})`);
  }
}
