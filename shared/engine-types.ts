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
  /** When not connected: why, in the engine's or the OS's own words. */
  detail?: string;
  /** Milliseconds until the next automatic retry while not connected. */
  retryInMs?: number;
}

export type EngineChangeKind = 'images' | 'containers';

export interface EngineChange {
  kinds: EngineChangeKind[];
  /** The raw actions folded into this notice (tag, untag, delete, pull, …), for logs and tests. */
  actions: string[];
  /** True when the event stream was re-established and everything should be refetched. */
  resync: boolean;
}
