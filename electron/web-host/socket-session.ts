import type { WebSocket } from 'ws';
import { BackendError } from '../../shared/errors';
import { parseWireCall, type ServerMessage } from '../../shared/transport';
import type { Backend } from '../core/backend';
import type { HostLog } from './host-log';

/** A page makes a handful of calls at a time; thousands in flight on one socket is an attack. */
export const MAX_CALLS_IN_FLIGHT = 256;
/**
 * Answers queued for a client that does not read them. A page reads as fast as it can; past this the
 * client is closed rather than holding the host's memory hostage.
 */
export const MAX_UNSENT_BYTES = 32 * 1024 * 1024;

/**
 * One browser tab's WebSocket: calls in, results and events out. Every frame is hostile until parsed;
 * every frame that is not a usable call still gets an answer, so a client never waits forever, and no
 * frame, however malformed, can throw out of here.
 */
export function attachSession(ws: WebSocket, backend: Backend, log: HostLog): void {
  let inFlight = 0;
  const send = (message: ServerMessage) => {
    if (ws.readyState !== ws.OPEN) return;
    try {
      ws.send(JSON.stringify(message));
      if (ws.bufferedAmount > MAX_UNSENT_BYTES) {
        log('closing a client that does not read its answers');
        ws.terminate();
      }
    } catch (err) {
      log('could not send a message', err);
    }
  };
  const refuse = (id: number | null, message: string, code: 'INVALID_ARGUMENT' | 'BUSY' = 'INVALID_ARGUMENT') => {
    const error = new BackendError(code, message, code === 'BUSY' ? 'Wait for the answers already on their way.' : 'This socket speaks the Stevedore protocol only.').toData();
    send(id === null ? { type: 'error', error } : { type: 'result', id, outcome: { ok: false, error } });
  };

  const unsubscribe = backend.subscribe((event, payload) => send({ type: 'event', event, payload }));
  ws.on('close', unsubscribe);
  // Oversized frames (RangeError), invalid UTF-8 and other protocol faults arrive here; ws closes the
  // socket itself with the right code. Without a listener they would be thrown at the process.
  ws.on('error', (err) => log('websocket closed on a protocol error', err));
  ws.on('message', (data, isBinary) => {
    try {
      if (isBinary) return refuse(null, 'Binary frames are not accepted: send JSON text.');
      const frame = parseWireCall(data.toString());
      if (!frame.ok) return refuse(frame.id, frame.message);
      if (inFlight >= MAX_CALLS_IN_FLIGHT) return refuse(frame.id, `More than ${MAX_CALLS_IN_FLIGHT} calls are waiting on this socket: wait for answers before sending more.`, 'BUSY');
      inFlight++;
      backend
        .call(frame.name, frame.args)
        .then((outcome) => send({ type: 'result', id: frame.id, outcome }))
        .catch((err: unknown) => log('a call failed outside the backend', err))
        .finally(() => inFlight--);
    } catch (err) {
      log('a frame could not be handled', err);
    }
  });
}
