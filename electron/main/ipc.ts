import { ipcMain, type WebContents } from 'electron';
import type { Backend } from '../core/backend';
import { BackendError } from '../../shared/errors';
import { isAppUrl } from '../../shared/security';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type CallOutcome } from '../../shared/transport';

/** One handler for every contract method: the name is data, validated by the backend like any argument. */
export function bindIpc(backend: Backend, trusted: () => WebContents | null): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, name: unknown, args: unknown): Promise<CallOutcome> => {
    // Only our own window's top frame may drive the engine.
    if (event.sender !== trusted() || event.senderFrame !== event.sender.mainFrame || !isAppUrl(event.senderFrame?.url ?? '')) {
      return { ok: false, error: new BackendError('PERMISSION_DENIED', 'Calls are accepted only from the Stevedore window.').toData() };
    }
    return backend.call(name, args);
  });
  const unsubscribe = backend.subscribe((eventName, payload) => {
    const target = trusted();
    if (target && !target.isDestroyed()) target.send(IPC_EVENT_CHANNEL, eventName, payload);
  });
  return () => {
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    unsubscribe();
  };
}
