// `npm start`: build, then launch the desktop app — or say in one line why not and what to use instead.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { findElectron } from './electron-binary.mjs';
import { ensureDeps, ROOT as root } from './ensure-deps.mjs';

ensureDeps();
const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const electron = findElectron();
if (!electron.path) {
  console.error(
    `Stevedore: cannot start the desktop app: ${electron.reason}. Use \`npm run web\` to open Stevedore in your browser instead (set ELECTRON_MIRROR to a reachable mirror, e.g. https://npmmirror.com/mirrors/electron/, to get the desktop app).`,
  );
  process.exit(1);
}
// Chromium refuses to start as root without this; a root session (a container, a VM) is common for servers.
const rootFlags = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
const child = spawn(electron.path, [root, ...rootFlags, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
