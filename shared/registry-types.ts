import * as z from 'zod';
import { parseReference } from './reference';

/** What one layer of a pull or push is doing, as the engine's progress stream names it. */
export type LayerState =
  | 'waiting'
  | 'downloading'
  | 'verifying'
  | 'downloaded'
  | 'extracting'
  | 'done'
  | 'exists'
  | 'preparing'
  | 'pushing'
  | 'pushed'
  | 'mounted';

export interface LayerProgress {
  /** The engine's short layer ID (12 hex digits) or, on the containerd store, a short digest. */
  id: string;
  state: LayerState;
  /** Bytes of the current phase (download or upload); extraction is reported as a state only. */
  current: number;
  /** The layer's size when the engine said it (compressed, as the registry holds it). */
  total: number | null;
}

/** A pull or push as it goes: every layer, and the sum of the byte counts the engine reported. */
export interface TransferProgress {
  /** docker.io/library/nginx:1.27: the name as the engine was asked for it. */
  reference: string;
  layers: LayerProgress[];
  bytes: number;
  /** Sum of the layers' sizes that are known; null while none is. */
  total: number | null;
  /** The engine's last line that is not about one layer ("Pulling from library/nginx"). */
  status: string | null;
}

export interface PullResult {
  /** The normalised name that was pulled (docker.io/library/nginx:1.27 or …@sha256:…). */
  reference: string;
  /** The name `docker images` shows for it. */
  familiar: string;
  imageId: string;
  /** The manifest digest the registry served, when the engine said it. */
  digest: string | null;
  /** Nothing was downloaded: the local image was already the registry's. */
  upToDate: boolean;
  /** The registry login the pull used, if any (never the secret). */
  user: string | null;
  /** The prefix mirror that served it (the image then carries the canonical name only). */
  via: string | null;
  /** Mirrors that failed first, in order. */
  attempts: MirrorAttempt[];
}

export interface PushResult {
  reference: string;
  /** sha256:… of the manifest the registry now holds: what `docker pull name@digest` takes. */
  digest: string | null;
  /** Bytes of the manifest, as the engine reports it. */
  size: number | null;
  /** Layers the registry had already or mounted from another repository, so they were not uploaded. */
  reused: number;
  pushed: number;
  user: string | null;
}

/** One answer of `docker search`. */
export interface HubResult {
  name: string;
  description: string;
  stars: number;
  official: boolean;
}

/** `vault`: encrypted by the desktop app with the system keychain (Electron safeStorage). */
export type CredentialSource = 'session' | 'vault' | 'helper' | 'config-file';

/** A registry the user has credentials for, and where they live (never the secret itself). */
export interface RegistryLogin {
  registry: string;
  username: string;
  source: CredentialSource;
  /** The docker-credential-<helper> program that keeps them, when one does. */
  helper: string | null;
}

export interface RegistryLogins {
  logins: RegistryLogin[];
  /** What went wrong reading the docker config (a malformed config.json, a helper that failed). */
  problems: string[];
}

/**
 * A Docker Hub prefix mirror: `mirror.example/docker.io` serves `nginx:1.27` as
 * `mirror.example/docker.io/library/nginx:1.27`, `docker.mirror.example` as
 * `docker.mirror.example/library/nginx:1.27`. The prefix is a registry host with an optional path.
 */
export const prefixMirror = z
  .object({
    prefix: z
      .string()
      .max(200)
      .refine((p) => {
        const verdict = parseReference(`${p}/library/x`);
        // An explicit host, and nothing that docker would read differently from what was typed.
        return verdict.ok && verdict.ref.domain !== 'docker.io' && verdict.ref.full === `${p}/library/x:latest`;
      }, 'a mirror prefix is a registry host with an optional path, e.g. mirror.example/docker.io or docker.mirror.example (no https://)'),
  })
  .strict();

export type PrefixMirror = z.infer<typeof prefixMirror>;

/** The name a prefix mirror serves a Docker Hub repository path under (`library/nginx`). */
export const mirroredName = (mirror: PrefixMirror, path: string): string => `${mirror.prefix}/${path}`;

export interface UserRegistrySettings {
  prefixMirrors: PrefixMirror[];
  /** Private registries the user browsed, to offer again. */
  registries: string[];
}

/** The engine's own registry settings (`docker info`), which Stevedore shows but never edits. */
export interface DaemonRegistryConfig {
  /** Docker Hub mirrors from daemon.json's registry-mirrors: they serve Docker Hub pulls only. */
  mirrors: string[];
  /** Registries the engine talks to over plain HTTP or with unchecked TLS (CIDRs and hosts). */
  insecure: string[];
}

export interface MirrorSettings {
  daemon: DaemonRegistryConfig;
  prefixMirrors: PrefixMirror[];
  problem: string | null;
}

export interface MirrorCheck {
  prefix: string;
  ok: boolean;
  /** Round trip of `GET /v2/`, when it answered. */
  ms: number | null;
  status: number | null;
  error: string | null;
}

/** A mirror tried before the one that served the pull, and why it did not. */
export interface MirrorAttempt {
  prefix: string;
  code: string;
  message: string;
}

/** What a private registry holds, as its v2 API answers (browsing). */
export interface CatalogPage {
  repositories: string[];
  /** The `last` value for the next page (from the Link header), or null on the last page. */
  next: string | null;
}

export interface TagPage {
  tags: string[];
  next: string | null;
}

export interface RemoteManifest {
  digest: string;
  mediaType: string;
  /** An index's entries, "os/architecture[/variant]"; empty for a single-platform manifest. */
  platforms: { platform: string; digest: string; size: number }[];
  /** Of the manifest itself, or for an index of its first linux/amd64 entry (else its first image). */
  layers: { digest: string; size: number; mediaType: string }[];
  /** The sum of the layers' (compressed) sizes. */
  totalSize: number;
  /** The image config's `created`, as written there. */
  created: string | null;
  configDigest: string | null;
}

export interface RegistryBrowse {
  /** Registries the user browsed before, to offer again. */
  registries: string[];
}
