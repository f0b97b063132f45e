import type { StevedoreError } from './errors';
import type { CallName, EventMap, EventName } from './contract';

/** Channel and path names, written once for both hosts and the renderer. */
export const IPC_CALL_CHANNEL = 'stevedore:call';
export const IPC_EVENT_CHANNEL = 'stevedore:event';
export const WS_PATH = '/api';
export const TOKEN_COOKIE = 'stevedore_token';
export const TOKEN_QUERY = 'token';

export type CallOutcome = { ok: true; value: unknown } | { ok: false; error: StevedoreError };

export interface WireCall {
  type: 'call';
  id: number;
  name: CallName;
  args: unknown;
}
export interface WireResult {
  type: 'result';
  id: number;
  outcome: CallOutcome;
}
export interface WireEvent<E extends EventName = EventName> {
  type: 'event';
  event: E;
  payload: EventMap[E];
}
export type ServerMessage = WireResult | WireEvent;

/** What the preload exposes on window.stevedore; the renderer's client wraps it with types. */
export interface BridgeApi {
  call(name: string, args: unknown): Promise<CallOutcome>;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
  locale(): string;
}
