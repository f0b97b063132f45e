import { open } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Reading the docker CLI's config.json (auths, credsStore, credHelpers), read-only: whatever is wrong
 * with the file becomes a problem string, never an exception, and never a rewrite of the user's file.
 * No problem string quotes the file's content: a broken entry may be a secret.
 */

const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/** Credentials written into config.json itself (what `docker login` does without a helper). */
export interface ConfigAuth {
  /** The key as the file spells it, e.g. "https://registry.example.com/v1/". */
  rawKey: string;
  /** registryKey() of rawKey. */
  key: string;
  username?: string;
  password?: string;
  identitytoken?: string;
}

export interface DockerConfig {
  file: string;
  credsStore: string | null;
  /** registryKey → helper name, in the file's order. */
  credHelpers: Map<string, string>;
  auths: ConfigAuth[];
  problems: string[];
}

/** DOCKER_CONFIG as the CLI reads it, else ~/.docker. */
export function dockerConfigDir(env: NodeJS.ProcessEnv): string {
  if (env.DOCKER_CONFIG) return resolve(env.DOCKER_CONFIG);
  const home = env.HOME || (process.platform === 'win32' ? env.USERPROFILE : undefined) || homedir();
  return join(home, '.docker');
}

async function readBounded(file: string): Promise<string | { error: string }> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code ?? 'unreadable' };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { error: 'not a file' };
    if (info.size > MAX_CONFIG_BYTES) return { error: `larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MiB` };
    return await handle.readFile('utf8');
  } catch (e) {
    return { error: (e as NodeJS.ErrnoException).code ?? 'unreadable' };
  } finally {
    await handle.close();
  }
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;

/** base64 of "user:password" as docker writes it; null when it is anything else. */
export function decodeAuthField(auth: string): { username: string; password: string } | null {
  const compact = auth.trim();
  if (compact === '' || !BASE64.test(compact)) return null;
  const text = Buffer.from(compact, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0 || text.includes('\uFFFD')) return null;
  return { username: text.slice(0, colon), password: text.slice(colon + 1).replace(/\0+$/, '') };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const quoted = (s: string): string => JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);

/** The file's credential settings; `keyOf` normalises registry keys (null for a key that names no registry). */
export async function readDockerConfig(dir: string, keyOf: (raw: string) => string | null): Promise<DockerConfig> {
  const file = join(dir, 'config.json');
  const config: DockerConfig = { file, credsStore: null, credHelpers: new Map(), auths: [], problems: [] };
  const text = await readBounded(file);
  if (typeof text !== 'string') {
    if (text.error !== 'ENOENT') config.problems.push(`${file} cannot be read (${text.error}); Stevedore uses no credentials from it.`);
    return config;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // JSON.parse quotes the text around the error, which may be a secret: say only that it is broken.
    config.problems.push(`${file} is not valid JSON; Stevedore uses no credentials from it and leaves it as it is.`);
    return config;
  }
  if (!isObject(parsed)) {
    config.problems.push(`${file} is not a JSON object; Stevedore uses no credentials from it and leaves it as it is.`);
    return config;
  }
  if (typeof parsed.credsStore === 'string' && parsed.credsStore !== '') config.credsStore = parsed.credsStore;
  else if (parsed.credsStore !== undefined && parsed.credsStore !== '') config.problems.push(`${file}: "credsStore" is not a helper name; it is ignored.`);

  if (isObject(parsed.credHelpers)) {
    for (const [raw, helper] of Object.entries(parsed.credHelpers)) {
      const key = keyOf(raw);
      if (key === null || typeof helper !== 'string' || helper === '') config.problems.push(`${file}: credHelpers entry ${quoted(raw)} is not a registry and a helper name; it is ignored.`);
      else if (!config.credHelpers.has(key)) config.credHelpers.set(key, helper);
    }
  } else if (parsed.credHelpers !== undefined) config.problems.push(`${file}: "credHelpers" is not an object; it is ignored.`);

  if (isObject(parsed.auths)) {
    for (const [rawKey, entry] of Object.entries(parsed.auths)) {
      const key = keyOf(rawKey);
      if (key === null || !isObject(entry)) {
        config.problems.push(`${file}: auths entry ${quoted(rawKey)} is not a registry with settings; it is ignored.`);
        continue;
      }
      const auth: ConfigAuth = { rawKey, key };
      if (typeof entry.auth === 'string' && entry.auth !== '') {
        const decoded = decodeAuthField(entry.auth);
        if (decoded === null) {
          config.problems.push(`${file}: the "auth" of ${quoted(rawKey)} is not base64 of user:password; it is ignored.`);
        } else Object.assign(auth, decoded);
      } else {
        // Files written by old clients (or by hand) may carry the fields themselves.
        if (typeof entry.username === 'string' && entry.username !== '') auth.username = entry.username;
        if (typeof entry.password === 'string' && entry.password !== '') auth.password = entry.password;
      }
      if (typeof entry.identitytoken === 'string' && entry.identitytoken !== '') auth.identitytoken = entry.identitytoken;
      config.auths.push(auth);
    }
  } else if (parsed.auths !== undefined) config.problems.push(`${file}: "auths" is not an object; it is ignored.`);
  return config;
}

/** Whether a config.json entry holds something to log in with (docker leaves `{}` entries behind a helper). */
export function hasCredentials(auth: ConfigAuth): boolean {
  return auth.identitytoken !== undefined || (auth.username !== undefined && auth.password !== undefined);
}

/** The entry for a registry: the exact key first, then the first whose host is the same, as the CLI does. */
export function configAuthFor(config: DockerConfig, key: string): ConfigAuth | null {
  const usable = config.auths.filter(hasCredentials);
  return usable.find((a) => a.rawKey === key) ?? usable.find((a) => a.key === key) ?? null;
}
