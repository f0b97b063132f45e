import { EventEmitter } from 'node:events';
import Docker from 'dockerode';
import { BackendError } from '../../../shared/errors';
import type { EngineStatus, ImageStore } from '../../../shared/engine-types';
import { resolveDockerHost, type ResolvedHost } from './docker-host';
import { connectionProblem, toBackendError } from './engine-errors';
import { settleWithin } from '../time-limit';
// Loaded before any client exists: no request this module makes may follow a redirect.
import './modem-guard';

export interface EngineInfo {
  Driver?: string;
  DriverStatus?: [string, string][] | null;
}

/** `docker info` names the containerd store by its snapshotter driver type; anything else is a graph driver. */
export function imageStoreOf(info: EngineInfo): ImageStore {
  const driverType = (info.DriverStatus ?? []).find(([k]) => k === 'driver-type')?.[1] ?? '';
  return { kind: driverType === 'io.containerd.snapshotter.v1' ? 'containerd' : 'legacy', driver: info.Driver ?? '' };
}

/** The newest Engine API this code was written against; older engines get their own version. */
export const MAX_API_VERSION = '1.47';

export function negotiateApiVersion(server: string | undefined): string {
  if (!server) return MAX_API_VERSION;
  const [sMaj = 0, sMin = 0] = server.split('.').map(Number);
  const [oMaj = 0, oMin = 0] = MAX_API_VERSION.split('.').map(Number);
  return sMaj < oMaj || (sMaj === oMaj && sMin < oMin) ? server : MAX_API_VERSION;
}

export interface EngineOptions {
  /** DOCKER_HOST-style address; defaults to the environment, then the platform socket. */
  dockerHost?: string;
  /** Delay between automatic reconnection attempts. */
  retryMs?: number;
  /** How long the engine may take to answer `version` and `info` before it counts as not answering. */
  answerMs?: number;
}

/** An engine that accepts the connection and then says nothing (hung, or not a Docker socket). */
const ANSWER_MS = 10_000;

/**
 * Owns the dockerode client. Connects with API negotiation, and while the engine is away keeps
 * retrying on its own so the UI recovers without a restart.
 */
export class EngineConnection extends EventEmitter<{ status: [EngineStatus] }> {
  private readonly host: ResolvedHost;
  /** Set when DOCKER_HOST cannot be used at all: every attempt reports it instead of dialling. */
  private readonly hostError: string | null = null;
  private readonly retryMs: number;
  private readonly answerMs: number;
  private docker: Docker | null = null;
  private current: EngineStatus;
  private retryTimer: NodeJS.Timeout | null = null;
  private connecting: Promise<EngineStatus> | null = null;
  private disposed = false;

  constructor(options: EngineOptions = {}) {
    super();
    try {
      this.host = resolveDockerHost(options.dockerHost);
    } catch (err) {
      const e = err as BackendError;
      this.hostError = `${e.message} ${e.hint ?? ''}`.trim();
      this.host = { display: options.dockerHost ?? process.env.DOCKER_HOST ?? '', source: options.dockerHost ? 'option' : 'DOCKER_HOST', options: {} };
    }
    this.retryMs = options.retryMs ?? 2000;
    this.answerMs = options.answerMs ?? ANSWER_MS;
    this.current = { state: 'connecting', host: this.host.display, hostSource: this.host.source };
  }

  status(): EngineStatus {
    return this.current;
  }

  /** Connect now (or join an attempt in flight). */
  connect(): Promise<EngineStatus> {
    this.connecting ??= this.attempt().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  /** The negotiated client; throws ENGINE_UNREACHABLE / PERMISSION_DENIED while there is none. */
  async client(): Promise<Docker> {
    if (!this.docker) await this.connect();
    if (this.docker) return this.docker;
    throw this.notConnectedError();
  }

  /** Which image store the engine uses; asked again when the status does not know yet. */
  async imageStore(): Promise<ImageStore> {
    const known = this.current.store;
    if (known) return known;
    return imageStoreOf((await (await this.client()).info()) as EngineInfo);
  }

  /** Calls that fail at the socket mean the engine went away: say so and start retrying. */
  noteFailure(err: unknown): void {
    const problem = connectionProblem(err);
    if (!problem || this.current.state !== 'connected') return;
    this.docker = null;
    this.setStatus({ state: problem, host: this.host.display, hostSource: this.host.source, detail: String((err as Error).message ?? err), retryInMs: this.retryMs });
    this.scheduleRetry();
  }

  dispose(): void {
    this.disposed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.removeAllListeners();
  }

  private notConnectedError(): BackendError {
    const s = this.current;
    const err = Object.assign(new Error(s.detail ?? 'not connected'), { code: s.state === 'permission-denied' ? 'EACCES' : 'ECONNREFUSED' });
    return toBackendError(err, 'Connecting to Docker');
  }

  private async attempt(): Promise<EngineStatus> {
    if (this.hostError) {
      this.setStatus({ state: 'unreachable', host: this.host.display, hostSource: this.host.source, detail: this.hostError });
      return this.current;
    }
    // The probe's own timeout frees its sockets a little after this attempt has given up on them.
    const probe = new Docker({ ...this.host.options, timeout: this.answerMs + 1000 });
    const silent = () => {
      throw new Error(`The engine at ${this.host.display} accepted the connection but did not answer within ${Math.round(this.answerMs / 1000)} s: it may be starting or stuck, or this address is not a Docker Engine.`);
    };
    try {
      const [version, info] = await settleWithin(Promise.all([probe.version(), probe.info().catch(() => null) as Promise<EngineInfo | null>]), this.answerMs, silent);
      const apiVersion = negotiateApiVersion(version.ApiVersion);
      this.docker = new Docker({ ...this.host.options, version: `v${apiVersion}` });
      this.setStatus({
        state: 'connected',
        host: this.host.display,
        hostSource: this.host.source,
        serverVersion: version.Version,
        apiVersion,
        os: version.Os,
        arch: version.Arch,
        ...(info ? { store: imageStoreOf(info) } : {}),
      });
    } catch (err) {
      this.docker = null;
      const problem = connectionProblem(err) ?? 'unreachable';
      this.setStatus({ state: problem, host: this.host.display, hostSource: this.host.source, detail: String((err as Error).message ?? err), retryInMs: this.retryMs });
      this.scheduleRetry();
    }
    return this.current;
  }

  private scheduleRetry(): void {
    if (this.disposed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.disposed && this.current.state !== 'connected') void this.connect();
    }, this.retryMs);
    this.retryTimer.unref?.();
  }

  private setStatus(next: EngineStatus): void {
    const changed = JSON.stringify(next) !== JSON.stringify(this.current);
    this.current = next;
    if (changed) this.emit('status', next);
  }
}
