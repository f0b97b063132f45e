import type { CallOutcome, ServerMessage, WireCall, BridgeApi } from '../../shared/transport';
import { KEY_FRAGMENT, WS_KEY_PROTOCOL_PREFIX, WS_PATH, WS_PROTOCOL } from '../../shared/transport';

const KEY_STORAGE = 'stevedore.webHostKey';

/**
 * The web host's API keys to offer, in order: the one in the URL fragment the token redirect ends on
 * (then removed from the address bar), and the one kept from the last time the host let a page on
 * this origin in. A key is kept only once the host has accepted it (see keepWebHostKey), so a
 * mistyped or stale `#key=` cannot replace a good one and lock the page out.
 */
export function webHostKeys(loc: Pick<Location, 'hash' | 'pathname' | 'search'> = location, storage: Storage | null = safeStorage()): string[] {
  const fromFragment = new URLSearchParams(loc.hash.replace(/^#/, '')).get(KEY_FRAGMENT);
  if (fromFragment && typeof history !== 'undefined') history.replaceState(null, '', loc.pathname + loc.search);
  const kept = storage?.getItem(KEY_STORAGE) ?? null;
  return [...new Set([fromFragment, kept])].filter((k): k is string => !!k);
}

/** Remembers the key the host let this page in with: reloads, new tabs and file transfers use it. */
export function keepWebHostKey(key: string, storage: Storage | null = safeStorage()): void {
  storage?.setItem(KEY_STORAGE, key);
}

/** The key the host last accepted on this origin, for requests that carry it themselves (uploads, downloads). */
export function acceptedWebHostKey(storage: Storage | null = safeStorage()): string | null {
  return storage?.getItem(KEY_STORAGE) ?? null;
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export interface Transport {
  call(name: string, args: unknown): Promise<CallOutcome>;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
  /** Host link state (the web host's socket; always up inside Electron). */
  onLink(listener: (up: boolean) => void): () => void;
}

declare global {
  interface Window {
    stevedore?: BridgeApi;
  }
}

/** Inside Electron the preload's bridge is the transport; nothing to reconnect. */
export function bridgeTransport(bridge: BridgeApi): Transport {
  return {
    call: (name, args) => bridge.call(name, args),
    onEvent: (listener) => bridge.onEvent(listener),
    onLink: (listener) => {
      listener(true);
      return () => undefined;
    },
  };
}

const lostLink: CallOutcome = {
  ok: false,
  error: { code: 'IO', message: 'Lost the connection to the Stevedore host.', hint: 'Check that `npm run web` is still running, then reload.' },
};

/**
 * The web host's WebSocket: same messages as IPC. It reconnects on its own; calls made while the
 * socket is down wait for it, calls in flight when it drops fail with IO.
 */
export function webSocketTransport(url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WS_PATH}`, keys: readonly string[] = webHostKeys()): Transport {
  // The host does not say why it refused a socket: each attempt that fails offers the next key.
  let keyIndex = 0;
  const protocols = () => {
    const key = keys[keyIndex];
    return key ? [WS_PROTOCOL, `${WS_KEY_PROTOCOL_PREFIX}${key}`] : [WS_PROTOCOL];
  };
  const pending = new Map<number, (o: CallOutcome) => void>();
  const eventListeners = new Set<(event: string, payload: unknown) => void>();
  const linkListeners = new Set<(up: boolean) => void>();
  let socket: WebSocket | null = null;
  let connecting = false;
  /** Calls made while the socket is down wait here for whichever attempt finally opens it. */
  let openWaiters: Array<(ws: WebSocket) => void> = [];
  let nextId = 1;
  let backoff = 250;
  let wasUp = false;

  const setLink = (up: boolean) => {
    for (const l of linkListeners) l(up);
  };

  function connect(): void {
    if (socket || connecting) return;
    connecting = true;
    const ws = new WebSocket(url, protocols());
    let opened = false;
    ws.onopen = () => {
      opened = true;
      connecting = false;
      socket = ws;
      const key = keys[keyIndex];
      if (key) keepWebHostKey(key);
      backoff = 250;
      setLink(true);
      // Anything may have changed while we were away: ask stores to refetch.
      if (wasUp) for (const l of eventListeners) l('engine.changed', { kinds: ['images', 'containers'], actions: ['host-reconnected'], resync: true, imageRefs: null });
      wasUp = true;
      const waiters = openWaiters;
      openWaiters = [];
      for (const w of waiters) w(ws);
    };
    ws.onmessage = (msg) => {
      let data: ServerMessage;
      try {
        data = JSON.parse(String(msg.data)) as ServerMessage;
      } catch {
        return;
      }
      if (data.type === 'result') {
        pending.get(data.id)?.(data.outcome);
        pending.delete(data.id);
      } else if (data.type === 'event') {
        for (const l of eventListeners) l(data.event, data.payload);
      }
    };
    ws.onclose = () => {
      connecting = false;
      if (!opened && keys.length > 1) keyIndex = (keyIndex + 1) % keys.length;
      if (socket === ws) socket = null;
      for (const resolvePending of pending.values()) resolvePending(lostLink);
      pending.clear();
      setLink(false);
      // A failed attempt must not strand the calls waiting for it: the next attempt serves them.
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 5000);
    };
  }

  function openSocket(): Promise<WebSocket> {
    if (socket) return Promise.resolve(socket);
    connect();
    return new Promise((resolve) => openWaiters.push(resolve));
  }
  connect();

  return {
    async call(name, args) {
      const ws = await openSocket();
      const id = nextId++;
      const message: WireCall = { type: 'call', id, name: name as WireCall['name'], args };
      return new Promise<CallOutcome>((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify(message));
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onLink(listener) {
      linkListeners.add(listener);
      listener(socket !== null);
      return () => linkListeners.delete(listener);
    },
  };
}
