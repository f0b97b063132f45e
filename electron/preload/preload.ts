import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type BridgeApi, type CallOutcome } from '../../shared/transport';

/**
 * Exposes the contract's two verbs and nothing else: no ipcRenderer, no Node, no other channels.
 * Method names and arguments are validated in the main process against the contract, so this sandboxed
 * bundle stays a few kilobytes instead of carrying the schema library.
 */
const bridge: BridgeApi = {
  call: (name, args) => ipcRenderer.invoke(IPC_CALL_CHANNEL, name, args) as Promise<CallOutcome>,
  onEvent(listener) {
    const handler = (_e: Electron.IpcRendererEvent, event: string, payload: unknown) => listener(event, payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.off(IPC_EVENT_CHANNEL, handler);
  },
  locale: () => navigator.language,
};

contextBridge.exposeInMainWorld('stevedore', bridge);
