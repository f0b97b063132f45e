// Builds everything the two hosts load: the renderer (Vite) and the Node entry points (esbuild).
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();

await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // Runtime dependencies stay in node_modules (electron-builder packs them); electron is the host's own.
  external: ['electron', 'dockerode', 'ws', 'zod'],
};
await Promise.all([
  esbuild({ ...node, entryPoints: [join(root, 'electron/main/main.ts')], outfile: join(root, 'dist/electron/main.cjs') }),
  // A sandboxed preload cannot require files, so it is one self-contained bundle.
  esbuild({ ...node, external: ['electron'], entryPoints: [join(root, 'electron/preload/preload.ts')], outfile: join(root, 'dist/electron/preload.cjs') }),
  esbuild({ ...node, entryPoints: [join(root, 'electron/web-host/web-host.ts')], outfile: join(root, 'dist/web-host/web-host.cjs') }),
]);
console.log(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
