// Whether dist/ is older than any source it is built from, so launchers rebuild only when needed.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['shared', 'electron', 'renderer', 'package.json', 'vite.config.ts', 'tsconfig.json'];
/** What the build writes and the hosts load. */
export const BUILD_OUTPUTS = ['dist/renderer/index.html', 'dist/web-host/web-host.cjs', 'dist/electron/main.cjs', 'dist/electron/preload.cjs'];

function newestMtime(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function buildIsStale(root) {
  const outputs = BUILD_OUTPUTS.map((o) => join(root, o));
  if (!outputs.every(existsSync)) return true;
  const built = Math.min(...outputs.map((o) => statSync(o).mtimeMs));
  return SOURCES.some((s) => existsSync(join(root, s)) && newestMtime(join(root, s)) > built);
}
