import type { ArgsIn, CallName, CallResult, EventMap, EventName } from '../../shared/contract';
import type { StevedoreError } from '../../shared/errors';
import { bridgeTransport, webHostKeys, webSocketTransport, type Transport } from './transport';

/** A failed call, carrying the backend's `{code, message, hint, detail}` for the UI to explain. */
export class ApiError extends Error {
  constructor(readonly error: StevedoreError) {
    super(error.message);
    this.name = 'ApiError';
  }
}

export interface Client {
  call<N extends CallName>(name: N, ...args: Record<string, never> extends ArgsIn<N> ? [args?: ArgsIn<N>] : [args: ArgsIn<N>]): Promise<CallResult<N>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  onLink(listener: (up: boolean) => void): () => void;
}

export function createClient(transport: Transport): Client {
  return {
    async call(name, ...rest) {
      const outcome = await transport.call(name, rest[0] ?? {});
      if (!outcome.ok) throw new ApiError(outcome.error);
      return outcome.value as never;
    },
    on(event, listener) {
      return transport.onEvent((name, payload) => {
        if (name === event) listener(payload as never);
      });
    },
    onLink: (listener) => transport.onLink(listener),
  };
}

const bridge = typeof window !== 'undefined' ? window.stevedore : undefined;
const keys = bridge ? [] : webHostKeys();

/** Electron's preload bridge when present, else the web host's WebSocket. */
export const api: Client = createClient(bridge ? bridgeTransport(bridge) : webSocketTransport(undefined, keys));

/** In a browser without the web host's key the API stays shut: the page says how to get in. */
export const accessKeyMissing = !bridge && keys.length === 0;
