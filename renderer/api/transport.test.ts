import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { webHostKeys, webSocketTransport } from './transport';

/** Just enough of a browser WebSocket for the transport: the test opens, fails and answers sockets. */
class FakeSocket {
  static all: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((msg: { data: string }) => void) | null = null;
  sent: string[] = [];
  constructor(
    readonly url: string,
    readonly protocols: string[] = [],
  ) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(data);
  }
  open() {
    this.onopen?.();
  }
  fail() {
    this.onclose?.();
  }
  reply(id: number, value: unknown) {
    this.onmessage?.({ data: JSON.stringify({ type: 'result', id, outcome: { ok: true, value } }) });
  }
}
const latest = () => FakeSocket.all[FakeSocket.all.length - 1]!;

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.all = [];
  vi.stubGlobal('WebSocket', FakeSocket);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('webSocketTransport', () => {
  it('serves a call made while the host is down from the attempt that finally connects', async () => {
    const transport = webSocketTransport('ws://host/api', ['k3y']);
    const result = transport.call('engine.status', {});
    latest().fail();
    await vi.advanceTimersByTimeAsync(250);
    latest().fail();
    await vi.advanceTimersByTimeAsync(500);
    const socket = latest();
    socket.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(socket.sent).toHaveLength(1);
    const { id } = JSON.parse(socket.sent[0]!) as { id: number };
    socket.reply(id, { state: 'connected' });
    await expect(result).resolves.toEqual({ ok: true, value: { state: 'connected' } });
  });

  it('fails calls in flight when the link drops, and asks for a resync once it is back', async () => {
    const transport = webSocketTransport('ws://host/api', ['k3y']);
    const events: string[] = [];
    const links: boolean[] = [];
    transport.onEvent((name) => events.push(name));
    transport.onLink((up) => links.push(up));
    latest().open();
    const inFlight = transport.call('images.list', {});
    await vi.advanceTimersByTimeAsync(0);
    latest().fail();
    await expect(inFlight).resolves.toMatchObject({ ok: false, error: { code: 'IO' } });
    await vi.advanceTimersByTimeAsync(250);
    latest().open();
    expect(links).toEqual([false, true, false, true]);
    expect(events).toEqual(['engine.changed']);
  });
});

describe('the web host key', () => {
  class MemoryStorage {
    private readonly items = new Map<string, string>();
    getItem = (k: string) => this.items.get(k) ?? null;
    setItem = (k: string, v: string) => void this.items.set(k, v);
  }
  const at = (hash: string) => ({ hash, pathname: '/', search: '' });

  it('is taken from the fragment the token redirect ends on and offered as a subprotocol', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    const keys = webHostKeys(at('#key=abc_DEF-1'), storage);
    expect(keys).toEqual(['abc_DEF-1']);
    webSocketTransport('ws://host/api', keys);
    expect(latest().protocols).toEqual(['stevedore.v1', 'stevedore.key.abc_DEF-1']);
  });

  it('is kept for this origin once the host lets the page in, so a reload still has it', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    vi.stubGlobal('localStorage', storage);
    webSocketTransport('ws://host/api', webHostKeys(at('#key=good'), storage));
    expect(webHostKeys(at(''), storage)).toEqual([]);
    latest().open();
    expect(webHostKeys(at(''), storage)).toEqual(['good']);
  });

  it('from a wrong address does not replace the kept one: the page falls back to it and gets in', async () => {
    const storage = new MemoryStorage() as unknown as Storage;
    vi.stubGlobal('localStorage', storage);
    storage.setItem('stevedore.webHostKey', 'good');
    const keys = webHostKeys(at('#key=typo'), storage);
    expect(keys).toEqual(['typo', 'good']);
    const transport = webSocketTransport('ws://host/api', keys);
    const answer = transport.call('engine.status', {});
    expect(latest().protocols).toEqual(['stevedore.v1', 'stevedore.key.typo']);
    // The host refuses the upgrade: the browser only sees the socket close before it opened.
    latest().fail();
    await vi.advanceTimersByTimeAsync(250);
    expect(latest().protocols).toEqual(['stevedore.v1', 'stevedore.key.good']);
    const socket = latest();
    socket.open();
    await vi.advanceTimersByTimeAsync(0);
    socket.reply((JSON.parse(socket.sent[0]!) as { id: number }).id, { state: 'connected' });
    await expect(answer).resolves.toEqual({ ok: true, value: { state: 'connected' } });
    expect(storage.getItem('stevedore.webHostKey')).toBe('good');
  });

  it('is missing on a page opened without the full URL', () => {
    expect(webHostKeys(at(''), new MemoryStorage() as unknown as Storage)).toEqual([]);
  });
});
