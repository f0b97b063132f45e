// `npm start`: build, then launch the desktop app — or say in one line why not and what to use instead.
import { spawn, spawnSync } from 'node:child_process';
import { findElectron } from './electron-binary.mjs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const electron = findElectron();
if (!electron.path) {
  console.error(
    `Stevedore: cannot start the desktop app: ${electron.reason}. Use \`npm run web\` to open Stevedore in your browser instead (set ELECTRON_MIRROR to a reachable mirror, e.g. https://npmmirror.com/mirrors/electron/, to get the desktop app).`,
  );
  process.exit(1);
}
const child = spawn(electron.path, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
