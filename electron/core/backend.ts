import { argsSchema, isCallName, isJobName, type CallName, type EventMap, type EventName } from '../../shared/contract';
import { BackendError } from '../../shared/errors';
import type { CallOutcome } from '../../shared/transport';
import { EngineConnection, type EngineOptions } from './engine/connection';
import { toBackendError } from './engine/engine-errors';
import { EventWatcher } from './engine/events';
import { createJobHandlers, createMethodHandlers } from './handlers';
import { ImageLayers } from './layers/image-layers';
import { StoreCaches } from './removal/store';
import { Credentials, type SecretVault } from './registries/credentials';
import { UserSettings } from './settings/user-settings';
import { JobManager, type JobContext } from './jobs';
import { exportsEnded } from './files/export-lease';
import { UploadArea } from './files/uploads';
import { createStreamHandlers, isStreamName, parseStreamArgs, type StreamIO } from './streams';
import { listImages } from './images/images';
import { ListPrefetch } from './images/list-prefetch';
import { describeValue, describeZodError } from './validation';
import { settleWithin } from './time-limit';
import type { FirstList } from '../../shared/first-list';

/** How long closing waits for exports the engine would otherwise keep pinned (see export-lease). */
const DISPOSE_WAIT_MS = 5000;

/** The value, or null once `ms` passed first or when it failed. */
const within = <T>(value: Promise<T>, ms: number): Promise<T | null> => settleWithin(value.catch(() => null), ms, () => null);

export type BackendListener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

export interface Backend {
  /** Validate and run one call. Never throws: every failure is an outcome. */
  call(name: unknown, args: unknown): Promise<CallOutcome>;
  subscribe(listener: BackendListener): () => void;
  /** A byte stream of the contract's `streams` (web host only), validated like a call. Never throws. */
  stream(name: unknown, args: unknown, io: StreamIO): Promise<CallOutcome>;
  readonly engine: EngineConnection;
  readonly events: EventWatcher;
  /**
   * The list as a page should first show it, for the web host to write into the page it serves:
   * waits up to `waitMs` for the listing and returns null when there is none to give (the engine is
   * not connected, the listing is slower, or a change came meanwhile); the page then asks as usual.
   */
  firstList(waitMs: number): Promise<FirstList | null>;
  /** No page has been open for a while (web host): files copied for pages now gone are deleted. */
  noPagesOpen(): Promise<void>;
  /** Stops everything; resolves once the engine's exports under way have ended (see export-lease). */
  dispose(): Promise<void>;
}

export interface BackendOptions extends EngineOptions {
  throttleMs?: number;
  /** Start `docker images` at once, for the first window (default on; off where no window will ask). */
  prefetchList?: boolean;
  /** The folder holding the docker config.json (default: DOCKER_CONFIG, else ~/.docker). */
  dockerConfig?: string;
  /** Where the user's registry choices are remembered (default: $XDG_CONFIG_HOME/stevedore). */
  settingsDir?: string;
  /** The desktop app's keychain-encrypted store for logins made in Stevedore (the web host has none). */
  vault?: SecretVault;
}

/** The whole backend both hosts serve: engine connection, event stream, jobs and the handlers. */
export function createBackend(options: BackendOptions = {}): Backend {
  const engine = new EngineConnection(options);
  const jobs = new JobManager();
  const events = new EventWatcher(engine, { throttleMs: options.throttleMs });
  const prefetch = new ListPrefetch();
  const uploads = new UploadArea();
  const layers = new ImageLayers(() => engine.client());
  // Previews re-read only images that are new since the last one (IDs are content addresses).
  const caches = new StoreCaches();
  // A login made here is kept by the docker credential helper the user configured, else in memory only.
  const credentials = new Credentials({ configDir: options.dockerConfig, keep: 'helper', vault: options.vault });
  const userSettings = new UserSettings(options.settingsDir);
  const deps = { engine, jobs, events, prefetch, uploads, layers, caches, credentials, userSettings };
  const methods = createMethodHandlers(deps);
  const jobHandlers = createJobHandlers(deps);
  const streamHandlers = createStreamHandlers(deps);
  const listeners = new Set<BackendListener>();
  const emit: BackendListener = (event, payload) => {
    for (const l of listeners) l(event, payload);
  };
  engine.on('status', (s) => emit('engine.status', s));
  events.on('change', (c) => emit('engine.changed', c));
  // The first change the engine reports makes the early list old, even before the notice goes out.
  events.on('queued', () => prefetch.invalidate());
  jobs.on('update', (u) => emit('job.update', u));
  jobs.on('dismissed', (d) => emit('jobs.dismissed', d));
  void engine.connect();
  events.start();
  // Listed as soon as the engine answers, beside the event stream opening: the stream is open long
  // before the engine has walked 5,000 images, so a change during the list still reaches it.
  const listEarly = () => prefetch.start(async () => listImages(await engine.client(), false));
  if (options.prefetchList ?? true) {
    const onStatus = (s: { state: string }) => {
      if (s.state !== 'connected') return;
      engine.off('status', onStatus);
      listEarly();
    };
    engine.on('status', onStatus);
  }

  async function run(name: CallName, args: unknown): Promise<unknown> {
    if (isJobName(name)) {
      // The generic link between a name and its own handler is lost when indexing by a union; the
      // arguments were validated against this very name's schema.
      const handler = jobHandlers[name] as unknown as { title(a: unknown): string; prepare?(a: unknown): Promise<void>; run(a: unknown, ctx: JobContext<unknown>): Promise<unknown> };
      await handler.prepare?.(args);
      const jobId = jobs.start(name, handler.title(args), (ctx) => handler.run(args, ctx));
      return { jobId };
    }
    const handler = methods[name] as (a: unknown) => Promise<unknown>;
    return handler(args);
  }

  return {
    engine,
    events,
    async call(name, rawArgs) {
      // Nothing a caller sends may escape as an exception: every path ends in an outcome.
      try {
        if (!isCallName(name)) {
          return { ok: false, error: new BackendError('INVALID_ARGUMENT', `Unknown method ${describeValue(name)}.`, 'Update Stevedore: the page and the backend come from different versions.').toData() };
        }
        const parsed = argsSchema(name).safeParse(rawArgs ?? {});
        if (!parsed.success) {
          return { ok: false, error: new BackendError('INVALID_ARGUMENT', `Invalid arguments for ${name}: ${describeZodError(parsed.error)}`, 'Check the value you entered.').toData() };
        }
        return { ok: true, value: await run(name, parsed.data) };
      } catch (err) {
        engine.noteFailure(err);
        return { ok: false, error: toBackendError(err, typeof name === 'string' ? name : 'call').toData() };
      }
    },
    async stream(name, rawArgs, io) {
      try {
        if (!isStreamName(name)) throw new BackendError('INVALID_ARGUMENT', `Unknown stream ${describeValue(name)}.`);
        // As for jobs, indexing by a union loses the link between a name and its handler's arguments.
        const handler = streamHandlers[name] as (args: unknown, io: StreamIO) => Promise<unknown>;
        return { ok: true, value: await handler(parseStreamArgs(name, rawArgs), io) };
      } catch (err) {
        engine.noteFailure(err);
        return { ok: false, error: toBackendError(err, typeof name === 'string' ? name : 'stream').toData() };
      }
    },
    async firstList(waitMs) {
      const deadline = Date.now() + waitMs;
      // Connected already (every load but the first): no new probe of the engine per page served.
      const status = engine.status().state === 'connected' ? engine.status() : await within(engine.connect(), waitMs);
      if (status?.state !== 'connected') return null;
      const early = listEarly();
      const rows = await within(early.rows, deadline - Date.now());
      // Not taken on a timeout: the page's own question, moments later, is answered from it.
      if (!rows || !prefetch.takeIf(early)) return null;
      return { status: engine.status(), images: rows, generation: early.generation };
    },
    async noPagesOpen() {
      await uploads.discardIdle();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async dispose() {
      jobs.cancelAll();
      caches.containerd.stop();
      uploads.dispose();
      events.stop();
      engine.dispose();
      listeners.clear();
      await exportsEnded(DISPOSE_WAIT_MS);
    },
  };
}
