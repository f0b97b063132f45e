// Finds the Electron binary, fetching it once if npm skipped electron's install script (.npmrc).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function currentPath() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** @returns {{ path: string } | { path: null, reason: string }} */
export function findElectron({ download = true } = {}) {
  const found = currentPath();
  if (found) return { path: found };
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    return { path: null, reason: `ELECTRON_OVERRIDE_DIST_PATH=${process.env.ELECTRON_OVERRIDE_DIST_PATH} holds no Electron binary` };
  }
  if (!download) return { path: null, reason: 'the Electron binary is not installed' };
  const installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
  const run = spawnSync(process.execPath, [installer], { encoding: 'utf8', timeout: 300_000 });
  const again = currentPath();
  if (again) return { path: again };
  const why = (run.stderr || run.stdout || '').split('\n').find((l) => l.trim()) ?? `exit code ${run.status}`;
  return { path: null, reason: `the Electron binary could not be downloaded (${why.trim()})` };
}
