import { contextBridge, ipcRenderer } from 'electron';
import { callNames, eventNames } from '../../shared/contract';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type BridgeApi, type CallOutcome } from '../../shared/transport';

/** Exposes the contract and nothing else: no ipcRenderer, no Node, no arbitrary channels. */
const bridge: BridgeApi = {
  call(name, args) {
    if (!(callNames as readonly string[]).includes(name)) {
      return Promise.resolve<CallOutcome>({ ok: false, error: { code: 'INVALID_ARGUMENT', message: `Unknown method "${name}".` } });
    }
    return ipcRenderer.invoke(IPC_CALL_CHANNEL, name, args) as Promise<CallOutcome>;
  },
  onEvent(listener) {
    const handler = (_e: Electron.IpcRendererEvent, event: string, payload: unknown) => {
      if ((eventNames as readonly string[]).includes(event)) listener(event, payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.off(IPC_EVENT_CHANNEL, handler);
  },
  locale: () => navigator.language,
};

contextBridge.exposeInMainWorld('stevedore', bridge);
