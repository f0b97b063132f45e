/** How the backend reaches the engine, as the user would recognise it (DOCKER_HOST syntax). */
export type EngineState = 'connecting' | 'connected' | 'unreachable' | 'permission-denied';

export interface EngineStatus {
  state: EngineState;
  /** e.g. unix:///var/run/docker.sock, tcp://10.0.0.5:2376, ssh://me@box */
  host: string;
  /** Where the host came from: the DOCKER_HOST variable, or the platform default. */
  hostSource: 'DOCKER_HOST' | 'default' | 'option';
  serverVersion?: string;
  /** The API version we speak after negotiation (min of ours and the server's). */
  apiVersion?: string;
  os?: string;
  arch?: string;
  /** How the engine stores images; decides what sizes mean and how removal behaves. */
  store?: ImageStore;
  /** When not connected: why, in the engine's or the OS's own words. */
  detail?: string;
  /** Milliseconds until the next automatic retry while not connected. */
  retryInMs?: number;
}

/**
 * The engine's image store. `containerd`: the containerd image store (default on Engine 29+ and
 * Docker Desktop 4.34+): content blobs plus unpacked snapshots, multi-platform images, image IDs are
 * manifest digests. `legacy`: the graph-driver store (overlay2 and friends) of older engines.
 */
export interface ImageStore {
  kind: 'containerd' | 'legacy';
  /** The engine's own name for its storage: overlayfs, overlay2, btrfs… */
  driver: string;
}

export type EngineChangeKind = 'images' | 'containers';

/** More image references than this in one notice and a window lists everything instead. */
export const MAX_EVENT_REFS = 200;

export interface EngineChange {
  kinds: EngineChangeKind[];
  /**
   * The images the events named (IDs, or a name for a pull), so a window re-reads just those rows;
   * null when some event changed images without naming them (a commit, a reconnect, too many at
   * once): list everything.
   */
  imageRefs: string[] | null;
  /** The raw actions folded into this notice (tag, untag, delete, pull, …), for logs and tests. */
  actions: string[];
  /** True when the event stream was re-established and everything should be refetched. */
  resync: boolean;
}
