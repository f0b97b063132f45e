// `npm run web`: install and build if needed, then serve Stevedore on 127.0.0.1 (arguments pass through).
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildIsStale } from './build-freshness.mjs';
import { ensureDeps, ROOT } from './ensure-deps.mjs';

ensureDeps();
if (buildIsStale(ROOT)) {
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const host = spawn(process.execPath, [join(ROOT, 'dist/web-host/web-host.cjs'), ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => host.kill(signal));
host.on('exit', (code) => process.exit(code ?? 0));
