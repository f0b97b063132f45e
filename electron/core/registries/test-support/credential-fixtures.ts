import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach } from 'vitest';

/** The folder holding docker-credential-stevedore-test, a real helper that keeps its store in a JSON file. */
export const TEST_HELPER_DIR = __dirname;
export const TEST_HELPER = 'stevedore-test';
const STORE_SCRIPT = join(__dirname, 'credential-store.mjs');

export interface StoredCredential {
  Username: string;
  Secret: string;
}

export interface CredentialSandbox {
  /** Holds config.json (DOCKER_CONFIG). */
  configDir: string;
  /** Extra helpers written by the test; first on PATH. */
  binDir: string;
  /** docker-credential-stevedore-test's store. */
  storeFile: string;
  /** One line per helper call: "<action> <ServerURL>". */
  logFile: string;
  env: NodeJS.ProcessEnv;
  writeConfig(config: unknown): void;
  /** config.json's bytes, or null when there is none. */
  configText(): string | null;
  /** What the test helper holds, read from its file. */
  stored(file?: string): Record<string, StoredCredential>;
  /** Put credentials into the test helper's file directly, as if `docker login` had. */
  preload(entries: Record<string, StoredCredential>, file?: string): void;
  calls(): string[];
  /** A helper script `docker-credential-<name>` in binDir; `body` is sh. */
  writeHelper(name: string, body: string): string;
  /** Another instance of the test helper under a new name, with its own store file. */
  writeStoreHelper(name: string): string;
}

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

export const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

export function credentialSandbox(options: { storeInConfigDir?: boolean } = {}): CredentialSandbox {
  // git keeps the mode, but a copy that lost it must not make every helper test fail for the wrong reason.
  const helper = join(TEST_HELPER_DIR, `docker-credential-${TEST_HELPER}`);
  if ((statSync(helper).mode & 0o111) === 0) chmodSync(helper, 0o755);
  const root = mkdtempSync(join(tmpdir(), 'stevedore-creds-'));
  roots.push(root);
  const configDir = join(root, 'docker-config');
  const binDir = join(root, 'bin');
  const home = join(root, 'home');
  for (const dir of [configDir, binDir, home]) mkdirSync(dir);
  // The grep test keeps the helper's store in the config folder, where a careless keychain would be.
  const storeFile = options.storeInConfigDir ? join(configDir, 'test-keychain.json') : join(root, 'keychain.json');
  const logFile = join(root, 'helper-calls.log');
  const env: NodeJS.ProcessEnv = {
    PATH: [binDir, TEST_HELPER_DIR, process.env.PATH ?? ''].join(delimiter),
    HOME: home,
    STEVEDORE_TEST_CRED_FILE: storeFile,
    STEVEDORE_TEST_CRED_LOG: logFile,
  };
  const readStore = (file: string): Record<string, StoredCredential> => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, StoredCredential>) : {});
  const writeHelper = (name: string, body: string): string => {
    const file = join(binDir, `docker-credential-${name}`);
    writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return file;
  };
  return {
    configDir,
    binDir,
    storeFile,
    logFile,
    env,
    writeConfig: (config) => writeFileSync(join(configDir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config, null, 2)),
    configText: () => (existsSync(join(configDir, 'config.json')) ? readFileSync(join(configDir, 'config.json'), 'utf8') : null),
    stored: (file = storeFile) => readStore(file),
    preload: (entries, file = storeFile) => writeFileSync(file, JSON.stringify({ ...readStore(file), ...entries })),
    calls: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').filter(Boolean) : []),
    writeHelper,
    writeStoreHelper: (name) => {
      const file = join(root, `${name}.json`);
      writeHelper(name, `STEVEDORE_TEST_CRED_FILE='${file}' exec node '${STORE_SCRIPT}' "$@"`);
      return file;
    },
  };
}

/** Every file under a folder with its text, for "no plaintext secret on disk" checks. */
export function filesUnder(dir: string): Array<{ path: string; text: string }> {
  const found: Array<{ path: string; text: string }> = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(path));
    else if (entry.isFile()) found.push({ path, text: readFileSync(path, 'latin1') });
  }
  return found;
}

/** The text of everything an error shows: message, hint, detail and stack. */
export function errorText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const { hint, detail } = e as Error & { hint?: string; detail?: string };
  return [e.message, hint ?? '', detail ?? '', e.stack ?? '', JSON.stringify(e)].join('\n');
}

export async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}
