// Builds everything the two hosts load: the renderer (Vite) and the Node entry points (esbuild).
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();

await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });

// dockerode loads ssh2 (for ssh:// hosts) and gRPC (for BuildKit sessions) as it starts: together most
// of a host's start-up, for features most users never touch. They stay in node_modules and load on
// first use; everything else is bundled, so starting reads and compiles one file instead of hundreds.
const LOADED_ON_FIRST_USE = {
  'docker-modem/lib/modem.js': { './ssh': 'docker-modem/lib/ssh.js' },
  'dockerode/lib/docker.js': { './session': 'dockerode/lib/session.js' },
};
const onFirstUse = {
  name: 'load-on-first-use',
  setup(b) {
    b.onResolve({ filter: /^\.\/(ssh|session)$/ }, (args) => {
      const importer = Object.keys(LOADED_ON_FIRST_USE).find((f) => args.importer.replaceAll('\\', '/').endsWith(`node_modules/${f}`));
      const target = importer && LOADED_ON_FIRST_USE[importer][args.path];
      return target ? { path: target, namespace: 'on-first-use' } : undefined;
    });
    // Both modules export one function, called long after start-up.
    b.onLoad({ filter: /.*/, namespace: 'on-first-use' }, (args) => ({
      contents: `module.exports = function () { return require(${JSON.stringify(args.path)}).apply(this, arguments); };`,
    }));
  },
};

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // ESM entry points where a package has them, so unused parts of the bundle can be left out.
  mainFields: ['module', 'main'],
  // electron is the host's own; what loads on first use stays in node_modules (electron-builder packs it).
  external: ['electron', ...Object.values(LOADED_ON_FIRST_USE).flatMap((m) => Object.values(m))],
  plugins: [onFirstUse],
};
await Promise.all([
  esbuild({ ...node, entryPoints: [join(root, 'electron/main/main.ts')], outfile: join(root, 'dist/electron/main.cjs') }),
  // A sandboxed preload cannot require files, so it is one self-contained bundle.
  esbuild({ ...node, external: ['electron'], entryPoints: [join(root, 'electron/preload/preload.ts')], outfile: join(root, 'dist/electron/preload.cjs') }),
  esbuild({ ...node, entryPoints: [join(root, 'electron/web-host/web-host.ts')], outfile: join(root, 'dist/web-host/web-host.cjs') }),
]);
console.log(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
