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

export type CredentialSource = 'session' | 'helper' | 'config-file';

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
