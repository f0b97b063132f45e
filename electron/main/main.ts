import { join } from 'node:path';
import { app, BrowserWindow } from 'electron';
import { createBackend } from '../core/backend';
import { keepServingOnUnexpectedErrors } from '../core/last-resort';
import { registerAppScheme, serveAppScheme } from './app-scheme';
import { bindIpc } from './ipc';
import { bindFileDialogs } from './file-dialogs';
import { createMainWindow } from './window';
import { keychainVault } from './keychain-vault';

// Chromium's own network chatter (component updates, safe browsing) has no place in a local tool.
app.commandLine.appendSwitch('disable-background-networking');
// Every renderer sandboxed, including any a future feature might open.
app.enableSandbox();
registerAppScheme();
keepServingOnUnexpectedErrors((what, err) => console.error(`Stevedore: ${what}:`, err instanceof Error ? err.message : typeof err));

const firstInstance = app.requestSingleInstanceLock();
if (!firstInstance) app.quit();
// Dialled while Electron starts rather than once it is ready, so the engine's answer and the first
// image list (which the backend asks for on its own) are there when the window first asks.
const backend = firstInstance ? createBackend({ dockerHost: process.env.STEVEDORE_DOCKER_HOST, vault: keychainVault() }) : null;

app.whenReady().then(() => {
  if (!backend) return;
  serveAppScheme(join(__dirname, '..', 'renderer'));
  let win: BrowserWindow | null = createMainWindow();
  const trusted = () => (win && !win.isDestroyed() ? win.webContents : null);
  const unbind = bindIpc(backend, trusted);
  const unbindDialogs = bindFileDialogs(trusted);
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
  // Quitting waits (a few seconds at most) for the engine's exports under way to end: cut off, an
  // older containerd-store engine keeps their content on disk for good (see export-lease).
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    unbind();
    unbindDialogs();
    void backend.dispose().finally(() => {
      closed = true;
      app.quit();
    });
  });
});
