import fs from 'node:fs';
import path from 'node:path';
import { test } from '@playwright/test';

/** The repository root (this file lives in e2e/support/). */
export const REPO = path.resolve(__dirname, '..', '..');
export const STATE_DIR = path.join(REPO, '.stevedore-test');
/** Written by global setup, read by fixtures and specs. */
export const E2E_ENV_FILE = path.join(STATE_DIR, 'e2e.json');

/** One engine with the web host serving it. */
export interface E2EEngine {
  name: 'containerd' | 'legacy';
  label: string;
  url: string;
  webHostPid: number;
  dockerHost: string;
  socketPath: string;
  dockerConfig: string;
}

export interface E2EEnv {
  /** Which engine the fields below describe: the project's. */
  engineName: 'containerd' | 'legacy';
  /** The token URL of the shared web host, e.g. http://127.0.0.1:PORT/?token=… */
  url: string;
  webHostPid: number;
  /** The private engine, as scripts/test-engine.mjs describes it. */
  dockerHost: string;
  socketPath: string;
  dockerConfig: string;
  /** Every engine with its web host, the containerd store first (the one users have). */
  engines: E2EEngine[];
  registry: { address: string; username: string; password: string };
  /** A stand-in Docker Hub without auth, and the engines' registry mirror (a proxy of it). */
  hub: { address: string };
  mirror: { address: string };
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

/** The project that runs on the legacy engine (a smoke run); every other project uses the first engine. */
export const LEGACY_PROJECT = 'web-legacy';

/** The environment as one project sees it: its engine's host, socket and web host at the top level. */
export function envForProject(env: E2EEnv, project: string): E2EEnv {
  const wanted = project === LEGACY_PROJECT ? 'legacy' : env.engines[0]?.name;
  const engine = env.engines.find((e) => e.name === wanted);
  if (!engine) throw new Error(`no ${wanted} engine in the e2e environment (STEVEDORE_TEST_ENGINES?)`);
  const { name, url, webHostPid, dockerHost, socketPath, dockerConfig } = engine;
  return { ...env, engineName: name, url, webHostPid, dockerHost, socketPath, dockerConfig };
}

/** The environment of the test running now (helpers outside a fixture ask here). */
export function currentE2EEnv(): E2EEnv {
  let project = '';
  try {
    project = test.info().project.name;
  } catch {
    // Not inside a test: the first engine.
  }
  return envForProject(readE2EEnv(), project);
}
