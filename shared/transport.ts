import type { StevedoreError } from './errors';
import type { CallName, EventMap, EventName } from './contract';

/** Channel and path names, written once for both hosts and the renderer. */
export const IPC_CALL_CHANNEL = 'stevedore:call';
export const IPC_EVENT_CHANNEL = 'stevedore:event';
export const WS_PATH = '/api';
/**
 * The web host's cookie, named per port: browsers share cookies across the ports of a host, so two
 * hosts on one machine would otherwise overwrite each other's, and every local server would be sent it.
 */
export const tokenCookie = (port: number) => `stevedore_token_${port}`;
export const TOKEN_QUERY = 'token';
/**
 * The web host's API key travels in the WebSocket subprotocol list, next to the protocol's name. It is
 * the URL token, handed to the page in the URL fragment (never sent to a server) and kept in the
 * page's localStorage, which — unlike cookies — is separate per port: another server on 127.0.0.1
 * that receives the cookie still cannot open the API.
 */
export const WS_PROTOCOL = 'stevedore.v1';
export const WS_KEY_PROTOCOL_PREFIX = 'stevedore.key.';
export const KEY_FRAGMENT = 'key';
/** Where the web host serves the contract's byte streams: /stream/<name>. */
export const STREAM_PATH = '/stream/';
/** The API key on the web host's HTTP byte streams (uploads, download tickets). Lower case: Node's header names. */
export const STREAM_KEY_HEADER = 'x-stevedore-key';

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
/** Answer to a frame that is not a call at all (not JSON, not an object, no usable id). */
export interface WireProtocolError {
  type: 'error';
  error: StevedoreError;
}
export type ServerMessage = WireResult | WireEvent | WireProtocolError;

export type ParsedFrame = { ok: true; id: number; name: unknown; args: unknown } | { ok: false; id: number | null; message: string };

/**
 * Reads one client frame without trusting it: whatever JSON value, shape or size the socket let
 * through. The method name and arguments stay unknown here; the backend validates them.
 */
function describeType(type: unknown): string {
  if (type === undefined) return 'a message without one';
  return typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : `a ${type === null ? 'null' : typeof type}`;
}

export function parseWireCall(text: string): ParsedFrame {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { ok: false, id: null, message: 'The message is not JSON.' };
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return { ok: false, id: null, message: 'A message is a JSON object like {"type":"call","id":1,"name":"images.list","args":{}}.' };
  }
  const m = message as Record<string, unknown>;
  const id = typeof m.id === 'number' && Number.isSafeInteger(m.id) && m.id >= 0 ? m.id : null;
  // The type first: a message that is no call at all is told so, not that its call lacks an id.
  if (m.type !== 'call') return { ok: false, id, message: `Only messages of type "call" are accepted, not ${describeType(m.type)}.` };
  if (id === null) return { ok: false, id: null, message: `A call needs an "id": a whole number from 0 to ${Number.MAX_SAFE_INTEGER}.` };
  return { ok: true, id, name: m.name, args: m.args };
}

/** What the preload exposes on window.stevedore; the renderer's client wraps it with types. */
export interface BridgeApi {
  call(name: string, args: unknown): Promise<CallOutcome>;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
  locale(): string;
  /** The desktop app's own file handling: paths of dropped files and the native dialogs. */
  files: DesktopFiles;
}

export const IPC_SAVE_DIALOG_CHANNEL = 'stevedore:save-dialog';
export const IPC_OPEN_DIALOG_CHANNEL = 'stevedore:open-dialog';

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface DesktopFiles {
  /** The path of a dropped or picked file (Electron's webUtils), or '' when it has none. */
  pathForFile(file: File): string;
  chooseSavePath(options: { defaultName: string; filters: FileFilter[] }): Promise<string | null>;
  chooseOpenPaths(options: { multiple: boolean; filters: FileFilter[] }): Promise<string[]>;
}
