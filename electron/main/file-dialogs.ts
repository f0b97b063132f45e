import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import * as z from 'zod';
import { isAppUrl } from '../../shared/security';
import { IPC_OPEN_DIALOG_CHANNEL, IPC_SAVE_DIALOG_CHANNEL } from '../../shared/transport';

const filters = z.array(z.object({ name: z.string().max(100), extensions: z.array(z.string().regex(/^[a-z0-9.*]{1,16}$/i)).max(10) }).strict()).max(10);
const saveOptions = z.object({ defaultName: z.string().max(255), filters }).strict();
const openOptions = z.object({ multiple: z.boolean(), filters }).strict();

/** The native Save and Open dialogs, for the Stevedore window only; what it sends is checked like any call. */
export function bindFileDialogs(trusted: () => WebContents | null): () => void {
  const fromOurWindow = (event: IpcMainInvokeEvent) => event.sender === trusted() && event.senderFrame === event.sender.mainFrame && isAppUrl(event.senderFrame?.url ?? '');
  ipcMain.handle(IPC_SAVE_DIALOG_CHANNEL, async (event, raw: unknown) => {
    const options = saveOptions.safeParse(raw);
    const win = BrowserWindow.fromWebContents(event.sender);
    if (!fromOurWindow(event) || !options.success || !win) return null;
    const answer = await dialog.showSaveDialog(win, { defaultPath: options.data.defaultName, filters: options.data.filters, properties: ['createDirectory', 'showOverwriteConfirmation'] });
    return answer.canceled || !answer.filePath ? null : answer.filePath;
  });
  ipcMain.handle(IPC_OPEN_DIALOG_CHANNEL, async (event, raw: unknown) => {
    const options = openOptions.safeParse(raw);
    const win = BrowserWindow.fromWebContents(event.sender);
    if (!fromOurWindow(event) || !options.success || !win) return [];
    const answer = await dialog.showOpenDialog(win, { filters: options.data.filters, properties: options.data.multiple ? ['openFile', 'multiSelections'] : ['openFile'] });
    return answer.canceled ? [] : answer.filePaths;
  });
  return () => {
    ipcMain.removeHandler(IPC_SAVE_DIALOG_CHANNEL);
    ipcMain.removeHandler(IPC_OPEN_DIALOG_CHANNEL);
  };
}
