// Benchmark: the Shared layers view's reading (which images share which layers, what removing each
// frees) on a big host, next to `docker system df -v` — the engine's own per-image shared/unique
// report — in the same run. Uses the scale benchmark's private engine (5,100 images by default).
// Usage: node scripts/bench-sharing.mjs [--rows 5100] [--runs 3] [--engine legacy|containerd] [--keep]
import { median, mib, ms } from './test-env/bench-stats.mjs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDeps, ROOT } from './ensure-deps.mjs';

ensureDeps();
const { values: opts } = parseArgs({
  options: { rows: { type: 'string', default: '5100' }, runs: { type: 'string', default: '3' }, engine: { type: 'string', default: 'legacy' }, keep: { type: 'boolean', default: false } },
});
const ROWS = Number(opts.rows);
const RUNS = Number(opts.runs);
const { ENGINE_KINDS } = await import('./test-env/engines.mjs');
const { ensurePackages } = await import('./test-env/install-packages.mjs');
const { benchEngine, stopBenchEngine } = await import('./test-env/bench-engine.mjs');
const { ensureBigHost, rowCount } = await import('./test-env/big-host.mjs');
const { startWebHostClient } = await import('./test-env/web-host-client.mjs');

const kind = ENGINE_KINDS.find((k) => k.name === opts.engine);
if (!kind) throw new Error(`--engine ${opts.engine}: use ${ENGINE_KINDS.map((k) => k.name).join(' or ')}`);

await ensurePackages();
const bench = await benchEngine(kind, ROWS);
const { engine } = bench;
try {
  await ensureBigHost(engine.dockerHost, ROWS);
  console.log(`host: ${kind.label}, ${rowCount(engine.dockerHost)} rows`);
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });
  const dockerEnv = { ...process.env, DOCKER_HOST: engine.dockerHost, DOCKER_CONFIG: engine.dockerConfig };

  const cli = [];
  const cold = [];
  const warm = [];
  let peak = 0;
  let images = 0;
  for (let run = 0; run < RUNS; run++) {
    let t = performance.now();
    execFileSync('docker', ['system', 'df', '-v'], { env: dockerEnv, maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'inherit'] });
    cli.push(performance.now() - t);
    // A fresh host each run: its first reading is cold (nothing cached), the second what a user sees after.
    const host = await startWebHostClient(ROOT, engine);
    try {
      t = performance.now();
      const end = await host.job('layers.sharing', {});
      cold.push(performance.now() - t);
      images = end.result.images.length;
      t = performance.now();
      await host.job('layers.sharing', {});
      warm.push(performance.now() - t);
      peak = Math.max(peak, host.memory().peak);
    } finally {
      await host.stop();
    }
  }
  console.log(`\nShared layers at ${images} images on ${kind.label}, ${RUNS} runs (medians):`);
  console.log(`  docker system df -v (CLI)      ${ms(median(cli))}`);
  console.log(`  layers.sharing, first reading  ${ms(median(cold))}   (${(median(cold) / median(cli)).toFixed(2)}× the CLI)`);
  console.log(`  layers.sharing, again          ${ms(median(warm))}   (${(median(warm) / median(cli)).toFixed(2)}× the CLI)`);
  console.log(`  web host peak RSS              ${mib(peak)}`);
  console.log(`  (cli ${cli.map(ms).join(', ')}; first ${cold.map(ms).join(', ')}; again ${warm.map(ms).join(', ')})`);
} finally {
  if (!opts.keep) await stopBenchEngine(bench);
}
