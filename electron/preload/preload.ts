import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, IPC_OPEN_DIALOG_CHANNEL, IPC_SAVE_DIALOG_CHANNEL, type BridgeApi, type CallOutcome } from '../../shared/transport';

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
  files: {
    // Since Electron 32 File.path is gone; webUtils is the sandbox-safe way to a dropped file's path.
    pathForFile: (file) => webUtils.getPathForFile(file),
    chooseSavePath: (options) => ipcRenderer.invoke(IPC_SAVE_DIALOG_CHANNEL, options) as Promise<string | null>,
    chooseOpenPaths: (options) => ipcRenderer.invoke(IPC_OPEN_DIALOG_CHANNEL, options) as Promise<string[]>,
  },
};

contextBridge.exposeInMainWorld('stevedore', bridge);
