import { join } from 'node:path';
import { app, BrowserWindow } from 'electron';
import { createBackend } from '../core/backend';
import { keepServingOnUnexpectedErrors } from '../core/last-resort';
import { registerAppScheme, serveAppScheme } from './app-scheme';
import { bindIpc } from './ipc';
import { createMainWindow } from './window';

// Chromium's own network chatter (component updates, safe browsing) has no place in a local tool.
app.commandLine.appendSwitch('disable-background-networking');
// Every renderer sandboxed, including any a future feature might open.
app.enableSandbox();
registerAppScheme();
keepServingOnUnexpectedErrors((what, err) => console.error(`Stevedore: ${what}:`, err instanceof Error ? err.message : typeof err));

if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(() => {
  serveAppScheme(join(__dirname, '..', 'renderer'));
  const backend = createBackend({ dockerHost: process.env.STEVEDORE_DOCKER_HOST });
  let win: BrowserWindow | null = createMainWindow();
  const unbind = bindIpc(backend, () => (win && !win.isDestroyed() ? win.webContents : null));
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = createMainWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    unbind();
    backend.dispose();
  });
});
