// Benchmark: time from starting `npm run web` to the first image row rendered in Chromium, with N tags in
// the private engine, next to `docker images` on the same engine in the same run.
// Usage: node scripts/bench-list.mjs [tags=1000] [runs=5]
import { median, ms } from './test-env/bench-stats.mjs';
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureDeps, ROOT } from './ensure-deps.mjs';

ensureDeps();
const { chromium } = await import('playwright-core');
const { startTestEnv, readTestEnv, stopTestEnv } = await import('./test-engine.mjs');
const { buildFixtures } = await import('./fixtures.mjs');
const { addManyTags, removeManyTags } = await import('./test-env/many-tags.mjs');
const { whenServing } = await import('./test-env/web-host-url.mjs');

const TAGS = Number(process.argv[2] ?? 1000);
const RUNS = Number(process.argv[3] ?? 5);
const REPO = 'bench/many';

/** `npm run web` exactly as a user starts it (dist is already built, so it does not rebuild). */
function startHost(dockerHost) {
  return whenServing(spawn('npm', ['run', '--silent', 'web', '--', '--port', '0', '--docker-host', dockerHost], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], detached: true }));
}

const hadEngine = readTestEnv() !== null;
const env = await startTestEnv();
await buildFixtures(env);
execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });
await removeManyTags(env, REPO);
await addManyTags(env, TAGS, REPO);
const cliEnv = { ...process.env, DOCKER_HOST: env.dockerHost, DOCKER_CONFIG: env.dockerConfig };
const rowCount = execFileSync('docker', ['images', '-q'], { env: cliEnv, encoding: 'utf8' }).split('\n').filter(Boolean).length;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const cli = [];
const firstRow = [];
const allRows = [];
try {
  for (let i = 0; i < RUNS; i++) {
    let t0 = performance.now();
    execFileSync('docker', ['images'], { env: cliEnv, stdio: 'ignore' });
    cli.push(performance.now() - t0);

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    t0 = performance.now();
    const host = await startHost(env.dockerHost);
    await page.goto(host.url);
    await page.locator('[data-testid="image-row"]').first().waitFor();
    firstRow.push(performance.now() - t0);
    // Every row is in the table model (virtualized: only visible ones are in the DOM).
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="images-count"]')?.getAttribute('data-rows')) >= n, rowCount);
    allRows.push(performance.now() - t0);
    await page.close();
    const exited = new Promise((r) => host.child.once('exit', r));
    process.kill(-host.child.pid, 'SIGTERM');
    await exited;
  }
} finally {
  await browser.close();
  await removeManyTags(env, REPO);
  if (!hadEngine) await stopTestEnv();
}

console.log(`\nImage list with ${TAGS} extra tags (${rowCount} rows), ${RUNS} runs, medians:`);
console.log(`  docker images (CLI, whole output)                     ${ms(median(cli))}`);
console.log(`  Stevedore: \`npm run web\` → first row in Chromium     ${ms(median(firstRow))}`);
console.log(`  Stevedore: \`npm run web\` → all ${rowCount} rows in the table ${ms(median(allRows))}`);
console.log(`  (runs: cli ${cli.map(ms).join(', ')}; first row ${firstRow.map(ms).join(', ')})`);
