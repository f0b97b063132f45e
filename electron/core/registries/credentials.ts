import { BackendError } from '../../../shared/errors';
import { configAuthFor, dockerConfigDir, hasCredentials, readDockerConfig, type DockerConfig } from './credentials-config';
import {
  HELPER_MAX_OUTPUT,
  HELPER_TIMEOUT_MS,
  HelperFailure,
  helperErase,
  helperGet,
  helperList,
  helperStore,
  type HelperCredentials,
  type HelperRunOptions,
} from './credentials-helper';

/**
 * Registry credentials found and kept the way the docker CLI does (config.json's credHelpers,
 * credsStore and auths, through the docker-credential-* helper protocol), plus logins made in this
 * app session, which are kept in memory and win. Plain Node: the desktop's safeStorage lives in
 * electron/main. Nothing here writes config.json, and no secret reaches an error or a log.
 */

// Here a login's `registry` is its registryKey() ("https://index.docker.io/v1/" for Docker Hub); the
// handlers turn it into the name users type (registryLabel) before it crosses the contract.
export type { CredentialSource, RegistryLogin } from '../../../shared/registry-types';
import type { CredentialSource, RegistryLogin } from '../../../shared/registry-types';

/** What dockerode's `authconfig` takes. */
export interface AuthConfig {
  username?: string;
  password?: string;
  identitytoken?: string;
  serveraddress: string;
}

export interface CredentialsOptions {
  /** The folder holding config.json; default DOCKER_CONFIG, else ~/.docker. */
  configDir?: string;
  /** Environment for DOCKER_CONFIG, HOME and the PATH helpers are found on; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Where save() keeps a login: in memory only, or in the helper config.json names (memory if none). */
  keep?: 'session' | 'helper';
  /** How long a helper may take; default 10 s. */
  helperTimeoutMs?: number;
  /** The desktop app's encrypted store for logins made here (else they stay in memory). */
  vault?: SecretVault;
}

export const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';
const HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
/** The username helpers store beside an identity token instead of a password. */
const TOKEN_USERNAME = '<token>';
const LABEL = '[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?';
const HOST = new RegExp(`^(?:\\[[0-9a-f:.]+\\]|${LABEL}(?:\\.${LABEL})*)(?::[0-9]{1,5})?$`);

/** registryKey() or null: for names read from a file, where a bad one is skipped rather than thrown. */
export function registryKeyOrNull(registry: string): string | null {
  const host = registry
    .trim()
    .replace(/^https?:\/\//i, '')
    .split('/')[0]!
    .toLowerCase();
  if (HUB_ALIASES.has(host)) return DOCKER_HUB_KEY;
  return host.length <= 255 && HOST.test(host) ? host : null;
}

/**
 * The key docker stores a registry's credentials under: Docker Hub (docker.io, index.docker.io,
 * registry-1.docker.io) is "https://index.docker.io/v1/"; any other is its host[:port], lowercase,
 * without scheme or path ("https://Registry.example.com/v1/" → "registry.example.com").
 */
export function registryKey(registry: string): string {
  const key = registryKeyOrNull(registry);
  if (key === null) {
    const shown = JSON.stringify(registry.length > 80 ? `${registry.slice(0, 80)}…` : registry);
    throw new BackendError('INVALID_ARGUMENT', `${shown} is not a registry address.`, 'Use a registry host with an optional port, such as registry.example.com:5000 or docker.io.');
  }
  return key;
}

/** A key as people write it, and as registryKey() reads it back: docker.io for Docker Hub. */
export function registryLabel(key: string): string {
  return key === DOCKER_HUB_KEY ? 'docker.io' : key;
}

/** How messages name a registry. */
function describeRegistry(key: string): string {
  return key === DOCKER_HUB_KEY ? 'Docker Hub (docker.io)' : key;
}

function toAuth(key: string, username: string, secret: string): AuthConfig {
  return username === TOKEN_USERNAME ? { identitytoken: secret, serveraddress: key } : { username, password: secret, serveraddress: key };
}

const SECONDS = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

interface SessionEntry {
  username: string;
  secret: string;
}

/**
 * Where the desktop app keeps logins made in Stevedore when no credential helper is configured:
 * encrypted with the system keychain (Electron's safeStorage), in the app's own folder. The core only
 * hands it the entries; it never sees how they are encrypted.
 */
export interface SecretVault {
  load(): Promise<Map<string, SessionEntry>>;
  store(entries: ReadonlyMap<string, SessionEntry>): Promise<void>;
}

export class Credentials {
  readonly #session = new Map<string, SessionEntry>();
  readonly #configDir: string;
  readonly #keep: 'session' | 'helper';
  readonly #run: HelperRunOptions;
  readonly #vault: SecretVault | null;
  #loaded: Promise<void> | null = null;

  constructor(opts: CredentialsOptions = {}) {
    const env = opts.env ?? process.env;
    this.#configDir = opts.configDir ?? dockerConfigDir(env);
    this.#keep = opts.keep ?? 'session';
    this.#run = { env, timeoutMs: opts.helperTimeoutMs ?? HELPER_TIMEOUT_MS, maxOutputBytes: HELPER_MAX_OUTPUT };
    this.#vault = opts.vault ?? null;
  }

  /** The vault's logins, read once; one that cannot be read is as if empty (the user logs in again). */
  #ready(): Promise<void> {
    this.#loaded ??= (this.#vault?.load() ?? Promise.resolve(new Map<string, SessionEntry>())).then(
      (entries) => {
        for (const [key, entry] of entries) if (!this.#session.has(key)) this.#session.set(key, entry);
      },
      () => undefined,
    );
    return this.#loaded;
  }

  async #persist(): Promise<void> {
    if (!this.#vault) return;
    try {
      await this.#vault.store(this.#session);
    } catch (err) {
      throw new BackendError('IO', 'Keeping the login in the system keychain failed: it is kept until Stevedore quits.', 'Log in again after restarting, or configure a docker credential helper.', (err as Error).message);
    }
  }

  /** Where a login made here lives: the vault when the desktop app has one, else memory. */
  get #kept(): CredentialSource {
    return this.#vault ? 'vault' : 'session';
  }

  /** The folder config.json is read from (for messages such as "run docker logout"). */
  get configDir(): string {
    return this.#configDir;
  }

  /** Credentials for a registry host, or null to go anonymous. Throws only when a configured helper fails, as docker does. */
  async authFor(registry: string): Promise<AuthConfig | null> {
    const key = registryKey(registry);
    await this.#ready();
    const session = this.#session.get(key);
    if (session) return toAuth(key, session.username, session.secret);
    const config = await this.#config();
    const helper = helperFor(config, key);
    if (helper !== null) {
      const found = await this.#helperFind(config, helper, key);
      if (found) return toAuth(key, found.username, found.secret);
    }
    const entry = configAuthFor(config, key);
    if (entry === null) return null;
    const auth: AuthConfig = { serveraddress: key };
    if (entry.username !== undefined && entry.password !== undefined) Object.assign(auth, { username: entry.username, password: entry.password });
    if (entry.identitytoken !== undefined) auth.identitytoken = entry.identitytoken;
    return auth;
  }

  /** Every registry with credentials, as the one authFor would use; what cannot be read is a problem, not a throw. */
  async list(): Promise<{ logins: RegistryLogin[]; problems: string[] }> {
    await this.#ready();
    const config = await this.#config();
    const problems = [...config.problems];
    const logins = new Map<string, RegistryLogin>();
    for (const [registry, { username }] of this.#session) logins.set(registry, { registry, username, source: this.#kept, helper: null });

    const helpers = new Set([...config.credHelpers.values(), ...(config.credsStore === null ? [] : [config.credsStore])]);
    for (const helper of helpers) {
      let held: Map<string, string>;
      try {
        held = await helperList(helper, this.#run);
      } catch (e) {
        problems.push(describeFailure(e, config, helper, 'list', null, this.#run.timeoutMs).message);
        continue;
      }
      for (const [url, username] of held) {
        const registry = registryKeyOrNull(url);
        // A helper answers for the registries config.json sends to it, and no others.
        if (registry === null || helperFor(config, registry) !== helper || logins.has(registry)) continue;
        logins.set(registry, { registry, username, source: 'helper', helper });
      }
    }
    for (const entry of config.auths) {
      if (!hasCredentials(entry) || logins.has(entry.key)) continue;
      logins.set(entry.key, { registry: entry.key, username: entry.username ?? TOKEN_USERNAME, source: 'config-file', helper: null });
    }
    return { logins: [...logins.values()].sort((a, b) => a.registry.localeCompare(b.registry)), problems };
  }

  /** Log in: keep the credentials in memory, or in the configured helper when keep is 'helper'. Never in config.json. */
  async save(registry: string, username: string, secret: string): Promise<RegistryLogin> {
    const key = registryKey(registry);
    const label = describeRegistry(key);
    if (username === '' || username.length > 1024 || [...username].some((c) => c < ' ' || c === '\u007f')) {
      throw new BackendError('INVALID_ARGUMENT', `The username for ${label} is empty, too long or holds control characters.`, 'Enter the username you log in to the registry with.');
    }
    if (secret === '' || secret.length > 65_536) {
      throw new BackendError('INVALID_ARGUMENT', `The password or token for ${label} is empty or longer than 64 KiB.`, 'Enter the password or an access token for the registry.');
    }
    if (this.#keep === 'helper') {
      const config = await this.#config();
      const helper = helperFor(config, key);
      if (helper !== null) {
        const creds: HelperCredentials = { serverURL: key, username, secret };
        try {
          await helperStore(helper, creds, this.#run);
        } catch (e) {
          throw describeFailure(e, config, helper, 'store', key, this.#run.timeoutMs);
        }
        // The helper holds it now; an older session login must not hide it.
        await this.#ready();
        if (this.#session.delete(key)) await this.#persist();
        return { registry: key, username, source: 'helper', helper };
      }
    }
    await this.#ready();
    this.#session.set(key, { username, secret });
    await this.#persist();
    return { registry: key, username, source: this.#kept, helper: null };
  }

  /**
   * Log out of the credentials authFor would use: forget a session login, or erase them from their
   * helper. A config.json entry is the user's file: it stays, and source 'config-file' with removed
   * false tells the UI to suggest `docker logout`. Calling again removes the next source, if any.
   */
  async remove(registry: string): Promise<{ removed: boolean; source: CredentialSource | null }> {
    const key = registryKey(registry);
    await this.#ready();
    if (this.#session.delete(key)) {
      await this.#persist();
      return { removed: true, source: this.#kept };
    }
    const config = await this.#config();
    const helper = helperFor(config, key);
    if (helper !== null) {
      const found = await this.#helperFind(config, helper, key);
      if (found) {
        try {
          await helperErase(helper, found.serverURL, this.#run);
        } catch (e) {
          throw describeFailure(e, config, helper, 'erase', key, this.#run.timeoutMs);
        }
        return { removed: true, source: 'helper' };
      }
    }
    return configAuthFor(config, key) === null ? { removed: false, source: null } : { removed: false, source: 'config-file' };
  }

  #config(): Promise<DockerConfig> {
    return readDockerConfig(this.#configDir, registryKeyOrNull);
  }

  /**
   * The helper's credentials for a registry: under the key docker uses, else under another spelling of
   * the same host it holds (entries stored as "https://host/v1/" by other tools).
   */
  async #helperFind(config: DockerConfig, helper: string, key: string): Promise<HelperCredentials | null> {
    try {
      const direct = await helperGet(helper, key, this.#run);
      if (direct) return { ...direct, serverURL: key };
      // Best effort, beyond what docker does: a helper that cannot list still answered "none" above.
      const held = await helperList(helper, this.#run).catch(() => new Map<string, string>());
      for (const url of held.keys()) {
        if (url === key || registryKeyOrNull(url) !== key) continue;
        const other = await helperGet(helper, url, this.#run);
        if (other) return { ...other, serverURL: url };
      }
      return null;
    } catch (e) {
      throw describeFailure(e, config, helper, 'read', key, this.#run.timeoutMs);
    }
  }
}

/** The helper config.json sends a registry to: credHelpers for it, else credsStore, else none. */
function helperFor(config: DockerConfig, key: string): string | null {
  return config.credHelpers.get(key) ?? config.credsStore;
}

function settingName(config: DockerConfig, helper: string, key: string | null): string {
  if (key !== null && config.credHelpers.get(key) === helper) return `credHelpers["${key}"]`;
  return config.credsStore === helper ? 'credsStore' : 'credHelpers';
}

const VERBS = { read: 'read the credentials for', store: 'store the credentials for', erase: 'erase the credentials for', list: 'list the logins held by' } as const;

/** A helper's failure in words, naming the registry, the helper and the config.json setting to fix. */
function describeFailure(e: unknown, config: DockerConfig, helper: string, action: keyof typeof VERBS, key: string | null, timeoutMs: number): BackendError {
  if (!(e instanceof HelperFailure)) return e instanceof BackendError ? e : new BackendError('INTERNAL', 'Reading credentials failed unexpectedly.');
  const setting = settingName(config, helper, key);
  const program = `docker-credential-${e.kind === 'refused-name' ? '…' : helper}`;
  const target = action === 'list' ? program : describeRegistry(key ?? '');
  const what = `Cannot ${VERBS[action]} ${target}`;
  switch (e.kind) {
    case 'refused-name':
      return new BackendError(
        'AUTH',
        `${what}: ${config.file} names the credential helper ${JSON.stringify(helper.slice(0, 80))}, which is not a plain program name, so Stevedore will not run it.`,
        `Fix ${setting} in ${config.file}: a helper is named like "desktop" or "osxkeychain" and runs docker-credential-<name> from PATH.`,
      );
    case 'missing':
      return new BackendError('AUTH', `${what}: the credential helper ${program} (${setting} in ${config.file}) is not on PATH.`, `Install ${program}, or remove ${setting} from ${config.file} if you no longer use it (uninstalling Docker Desktop often leaves "credsStore": "desktop" behind).`, e.detail);
    case 'timeout':
      return new BackendError('AUTH', `${what}: ${program} did not answer within ${SECONDS(timeoutMs)}.`, `It may be waiting for a locked keychain or be stuck: unlock the keychain, or run "${program} list" in a terminal to see what it does.`);
    case 'too-much-output':
      return new BackendError('AUTH', `${what}: ${program} answered with more than 1 MiB, which no credential helper does.`, `Check that ${program} on your PATH is a docker credential helper.`);
    case 'bad-answer':
      return new BackendError('AUTH', `${what}: ${program} did not answer in the JSON docker credential helpers use.`, `Check that ${program} on your PATH is a docker credential helper, and try "${program} list" in a terminal.`);
    default:
      return new BackendError('AUTH', `${what}: ${program} failed.`, `Run "${program} list" in a terminal to see why, or ${action === 'store' ? 'log in for this session only' : `remove ${setting} from ${config.file}`}.`, e.detail);
  }
}
