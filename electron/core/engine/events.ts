import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import { MAX_EVENT_REFS, type EngineChange, type EngineChangeKind } from '../../../shared/engine-types';
import type { EngineConnection } from './connection';
import { JsonObjectSplitter } from './event-stream';
import { imagesNamedBy, kindsChangedBy, type EngineEvent } from './event-kinds';


export interface EventWatcherOptions {
  /** Coalesce bursts (500 tags, a prune) into one notice per window. */
  throttleMs?: number;
  /**
   * The first event after a quiet spell goes out this soon (not a whole throttle window later), so an
   * outside `docker tag` reaches the list at once; the wait only gathers a command's sibling events.
   */
  leadMs?: number;
  maxBackoffMs?: number;
}

interface Pending {
  kinds: Set<EngineChangeKind>;
  actions: string[];
  resync: boolean;
  /** null once some change named no image. */
  imageRefs: Set<string> | null;
}

/**
 * One `docker events` stream for the whole app, folded into throttled "images/containers changed"
 * notices that name the images the events named. When the stream drops it reconnects with backoff
 * and asks everyone to refetch once.
 */
export class EventWatcher extends EventEmitter<{ change: [EngineChange]; queued: [] }> {
  private stream: Readable | null = null;
  private opening = false;
  private pending: Pending | null = null;
  private lastFlush = Number.NEGATIVE_INFINITY;
  private flushTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private backoffMs = 250;
  private stopped = true;
  private everConnected = false;
  private readonly throttleMs: number;
  private readonly leadMs: number;
  private readonly maxBackoffMs: number;
  private readonly onStatus = (s: { state: string }) => {
    if (s.state === 'connected' && !this.stream && !this.stopped) void this.open();
  };

  constructor(
    private readonly engine: EngineConnection,
    options: EventWatcherOptions = {},
  ) {
    super();
    this.throttleMs = options.throttleMs ?? 100;
    this.leadMs = Math.min(options.leadMs ?? 5, this.throttleMs);
    this.maxBackoffMs = options.maxBackoffMs ?? 5000;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.engine.on('status', this.onStatus);
    void this.open();
  }

  stop(): void {
    this.stopped = true;
    this.engine.off('status', this.onStatus);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.stream?.destroy();
    this.stream = null;
  }

  /** For tests: drop the current stream as a network failure would. */
  dropForTest(): void {
    this.stream?.destroy(new Error('dropped for test'));
  }

  private async open(): Promise<void> {
    // start() and the engine's "connected" both ask at start-up: a second stream would report every
    // event twice and announce its opening as a reconnect.
    if (this.stopped || this.stream || this.opening) return;
    this.opening = true;
    try {
      const docker = await this.engine.client();
      const stream = (await docker.getEvents({ filters: { type: ['image', 'container'] } })) as unknown as Readable;
      if (this.stopped) {
        stream.destroy();
        return;
      }
      this.stream = stream;
      this.backoffMs = 250;
      // Whatever happened while we were not listening is unknown: everyone refetches once.
      if (this.everConnected) this.queue(['images', 'containers'], 'reconnected', true, null);
      this.everConnected = true;
      const splitter = new JsonObjectSplitter();
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        for (const ev of splitter.push(chunk)) this.onEngineEvent(ev as EngineEvent);
      });
      const lost = (err?: unknown) => {
        if (this.stream !== stream) return;
        this.stream = null;
        if (err) this.engine.noteFailure(err);
        this.scheduleReconnect();
      };
      stream.on('error', lost);
      stream.on('close', () => lost());
      stream.on('end', () => lost());
    } catch (err) {
      this.engine.noteFailure(err);
      this.scheduleReconnect();
    } finally {
      this.opening = false;
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.maxBackoffMs);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.open();
    }, delay);
    this.reconnectTimer.unref?.();
  }

  private onEngineEvent(ev: EngineEvent): void {
    const kinds = kindsChangedBy(ev);
    if (kinds.length > 0) this.queue(kinds, `${ev.Type ?? '?'}:${ev.Action ?? '?'}`, false, imagesNamedBy(ev));
  }

  /**
   * A change Stevedore itself made and the engine may not announce (the containerd store is quiet
   * about some names a removal or prune takes): every window hears of it as of any other change.
   */
  noteChange(kinds: readonly EngineChangeKind[], action: string): void {
    this.queue(kinds, action, false, null);
  }

  private queue(kinds: readonly EngineChangeKind[], action: string, resync: boolean, images: readonly string[] | null): void {
    const p = (this.pending ??= { kinds: new Set(), actions: [], resync: false, imageRefs: new Set() });
    for (const k of kinds) p.kinds.add(k);
    p.actions.push(action);
    p.resync ||= resync;
    if (images === null) p.imageRefs = null;
    else if (p.imageRefs) for (const ref of images) p.imageRefs.add(ref);
    if (p.imageRefs && p.imageRefs.size > MAX_EVENT_REFS) p.imageRefs = null;
    this.emit('queued');
    // Soon after a quiet spell; otherwise at most one notice per throttle window.
    const wait = Math.max(this.leadMs, this.lastFlush + this.throttleMs - Date.now());
    this.flushTimer ??= setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.flushTimer = null;
    this.lastFlush = Date.now();
    const p = this.pending;
    this.pending = null;
    if (p) this.emit('change', { kinds: [...p.kinds], actions: p.actions, resync: p.resync, imageRefs: p.resync || !p.imageRefs ? null : [...p.imageRefs] });
  }
}
