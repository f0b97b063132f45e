import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import type { Backend } from '../core/backend';
import { attachSession, MAX_UNSENT_BYTES } from './socket-session';

/** A socket whose peer never reads: everything sent stays buffered. */
class StalledSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  terminated = false;
  send(text: string) {
    this.bufferedAmount += Buffer.byteLength(text);
  }
  terminate() {
    this.terminated = true;
    this.readyState = 3;
  }
}

const bigAnswer = 'x'.repeat(1024 * 1024);
const backend = {
  call: async () => ({ ok: true as const, value: bigAnswer }),
  subscribe: () => () => undefined,
} as unknown as Backend;

describe('a client that does not read its answers', () => {
  it('is closed once its unsent answers pass the limit, instead of growing the host’s memory', async () => {
    const ws = new StalledSocket();
    attachSession(ws as unknown as WebSocket, backend, () => undefined);
    for (let id = 0; id < 64 && !ws.terminated; id++) {
      ws.emit('message', Buffer.from(JSON.stringify({ type: 'call', id, name: 'jobs.list', args: {} })), false);
      await new Promise((r) => setImmediate(r));
    }
    expect(ws.terminated).toBe(true);
    expect(ws.bufferedAmount).toBeLessThan(MAX_UNSENT_BYTES + 2 * bigAnswer.length);
  });
});
