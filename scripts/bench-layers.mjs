#!/usr/bin/env node
// `npm run bench:layers`: the layer analysis (`layers.analyse`, electron/core/layers) of two large images,
// next to a bare `docker save IMAGE > /dev/null` of the same image in the same run, plus the peak RSS of
// the web host doing the analysis. Not a test: figures only (targets: ≤ 1.2× the save, < 256 MB RSS).
//   --engine containerd|legacy   one engine (default: every engine of .stevedore-test/env.json)
//   --runs N     runs per side (default 3; best and median are reported)
//   --gb X       scale of the "big" image (default 1 ≈ 1.5 GB: 20,000 small files and 3 × 300 MiB)
//   --keep       keep the images afterwards (they are reused by later runs either way while they exist)
//   --profile    CPU-profile the web host and print where the last run of each image spent its time
import { inMiB as mib, median } from './test-env/bench-stats.mjs';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDeps, ROOT } from './ensure-deps.mjs';

ensureDeps();
const { default: tar } = await import('tar-stream');
const { startTestEnv, readTestEnv } = await import('./test-engine.mjs');
const { engineAnswers } = await import('./test-env/engines.mjs');
const { dockerFor } = await import('./test-env/docker-cli.mjs');
const { startWebHostClient } = await import('./test-env/web-host-client.mjs');
const { buildIsStale } = await import('./build-freshness.mjs');

// Bump the version when the recipes change, so images made by an older recipe are not reused.
const BENCH_LABEL = 'stevedore.bench';
const BENCH_VERSION = 'layers-v1';
const MANY_FILES = 200_000;

const { values } = parseArgs({
  options: {
    engine: { type: 'string' },
    runs: { type: 'string', default: '3' },
    gb: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const gb = Number(values.gb);
if (!(runs >= 1) || !(gb > 0)) throw new Error('--runs must be ≥ 1 and --gb > 0');

const best = (xs) => Math.min(...xs);
const secs = (ms) => (ms / 1000).toFixed(1);

// ---------------------------------------------------------------------------------------------------
// Image recipes. Both are built with the legacy builder FROM scratch with Debian's static busybox (the
// engines cannot pull). Generated files go in as a tar that ADD unpacks: much faster than sending and
// copying a context folder of 200,000 files, and it makes one layer all the same.

/** Writes a tar of `entries` ({ name, content } or { name, dir: true }) to `file`, streaming. */
async function writeTar(file, entries) {
  const pack = tar.pack();
  const out = fs.createWriteStream(file);
  const written = new Promise((resolve, reject) => out.on('finish', resolve).on('error', reject));
  pack.pipe(out);
  for (const e of entries) {
    const header = e.dir ? { name: e.name, type: 'directory', mode: 0o755 } : { name: e.name, mode: 0o644 };
    // Waiting for each entry keeps memory flat: the pack holds back while the file is slow.
    await new Promise((resolve, reject) => pack.entry(header, e.dir ? undefined : e.content, (err) => (err ? reject(err) : resolve())));
  }
  pack.finalize();
  await written;
}

/** Half random bytes, half repeated text: compresses about 2:1 like real files, so gzip layers do real work. */
function randomish(size) {
  const noise = randomBytes(Math.ceil(size / 2));
  const text = Buffer.from('the quick brown fox jumps over the lazy dog 0123456789\n'.repeat(Math.ceil(size / 2 / 55) + 1));
  return Buffer.concat([noise, text]).subarray(0, size);
}

/** 20,000 × gb files of 1–64 KiB in folders of 100, under small/. */
function* smallFiles(count) {
  for (let i = 0; i < count; i++) {
    const dir = `small/d${String(Math.floor(i / 100)).padStart(3, '0')}`;
    if (i % 100 === 0) yield { name: `${dir}/`, dir: true };
    yield { name: `${dir}/f${String(i).padStart(6, '0')}.bin`, content: randomish(1024 + Math.floor(Math.random() * 63 * 1024)) };
  }
}

/** MANY_FILES short text files in folders of 500, under many/. */
function* manyFiles(count) {
  for (let i = 0; i < count; i++) {
    const dir = `many/d${String(Math.floor(i / 500)).padStart(4, '0')}`;
    if (i % 500 === 0) yield { name: `${dir}/`, dir: true };
    yield { name: `${dir}/f${String(i).padStart(6, '0')}.txt`, content: Buffer.from(`file ${i} ${'x'.repeat(i % 90)}\n`) };
  }
}

const BASE = `FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
`;

/**
 * "big": the small files, then three large random files over two RUN layers, then a layer that removes
 * one large file and some folders, replaces a folder (opaque whiteout) and appends to 100 small files, so
 * the analysis has non-zero wasted space to report.
 */
function bigRecipe(scale) {
  const smallCount = Math.max(1000, Math.round(20_000 * scale));
  const bigMiB = Math.max(1, Math.round(300 * scale));
  const dd = (file) => `dd if=/dev/urandom of=${file} bs=1048576 count=${bigMiB} 2>/dev/null`;
  return {
    tag: `stevedore-bench/layers-big:${scale}g`,
    what: `${smallCount.toLocaleString('en')} files of 1–64 KiB + 3 × ${bigMiB} MiB`,
    entries: () => smallFiles(smallCount),
    dockerfile: `${BASE}ADD files.tar /data/
RUN ${dd('/data/big-1')} && ${dd('/data/big-2')}
RUN ${dd('/data/big-3')}
RUN rm /data/big-3 && rm -rf /data/small/d000 /data/small/d001 /data/small/d002 \\
 && rm -rf /data/small/d003 && mkdir /data/small/d003 && echo replaced > /data/small/d003/new \\
 && for f in /data/small/d004/*; do echo changed >> "$f"; done
LABEL ${BENCH_LABEL}=${BENCH_VERSION}
`,
  };
}

function manyRecipe() {
  return {
    tag: `stevedore-bench/layers-many:${MANY_FILES / 1000}k`,
    what: `${MANY_FILES.toLocaleString('en')} small files`,
    entries: () => manyFiles(MANY_FILES),
    dockerfile: `${BASE}ADD files.tar /
LABEL ${BENCH_LABEL}=${BENCH_VERSION}
`,
  };
}

/** Builds the recipe's image unless one with the bench label already carries its tag. */
async function ensureImage(docker, engine, recipe) {
  const label = docker(['image', 'inspect', '-f', `{{index .Config.Labels "${BENCH_LABEL}"}}`, recipe.tag], { allowFail: true });
  if (label === BENCH_VERSION) return;
  const t0 = Date.now();
  console.log(`${engine.name}: building ${recipe.tag} (${recipe.what})…`);
  const ctx = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-bench-layers-'));
  try {
    fs.copyFileSync('/bin/busybox', path.join(ctx, 'busybox'));
    fs.writeFileSync(path.join(ctx, 'Dockerfile'), recipe.dockerfile);
    await writeTar(path.join(ctx, 'files.tar'), recipe.entries());
    // No bridge network on the private engines; --force-rm leaves no container behind a failed step.
    docker(['build', '-q', '--force-rm', '--network', 'none', '-t', recipe.tag, ctx]);
  } finally {
    fs.rmSync(ctx, { recursive: true, force: true });
  }
  console.log(`${engine.name}: built ${recipe.tag} in ${secs(Date.now() - t0)} s`);
}

// ---------------------------------------------------------------------------------------------------
// The two sides of a run.

/** One analysis in a fresh web host: its time (call to end event), the host's peak RSS, the result. */
async function analyseOnce(engine, tag, profileDir) {
  // A fresh process each time: the analysis caches by image ID.
  const host = await startWebHostClient(ROOT, engine, profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
  try {
    const idle = host.memory().rss;
    const t0 = performance.now();
    const end = await host.jobEnd('layers.analyse', { ref: tag, platform: null });
    const ms = performance.now() - t0;
    if (end.state !== 'done') throw new Error(`layers.analyse ${tag} ended ${end.state}: ${JSON.stringify(end.error)}`);
    return { ms, idleRss: idle, peakRss: host.memory().peak, result: end.result };
  } finally {
    await host.stop();
  }
}

/** `docker save TAG > /dev/null`: the bytes the analysis has to read, with nothing done to them. */
function saveOnce(engine, tag) {
  const devNull = fs.openSync('/dev/null', 'w');
  try {
    const t0 = performance.now();
    const r = spawnSync('docker', ['save', tag], { env: { ...process.env, DOCKER_HOST: engine.dockerHost, DOCKER_CONFIG: engine.dockerConfig }, stdio: ['ignore', devNull, 'pipe'] });
    if (r.status !== 0) throw new Error(`docker save ${tag} failed: ${r.stderr}`);
    return performance.now() - t0;
  } finally {
    fs.closeSync(devNull);
  }
}

/** Top self-time functions of a .cpuprofile: where the analysis spends its time. */
function profileSummary(dir, top = 12) {
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return '  (no profile written)';
  const prof = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  prof.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    const where = `${functionName || '(anonymous)'} ${url ? `${path.basename(url)}:${lineNumber + 1}` : ''}`.trim();
    self.set(where, (self.get(where) ?? 0) + (prof.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([where, us]) => `  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${where}`).join('\n');
}

/** `runs` analyses and saves of one image, alternating which goes first so neither always gets a warm cache. */
async function measure(engine, tag, work) {
  const ours = [];
  const saves = [];
  let last = null;
  for (let i = 0; i < runs; i++) {
    const profileDir = values.profile && i === runs - 1 ? fs.mkdtempSync(path.join(work, 'prof-')) : null;
    const analyse = async () => {
      last = await analyseOnce(engine, tag, profileDir);
      ours.push(last);
    };
    const save = () => saves.push(saveOnce(engine, tag));
    if (i % 2 === 0) {
      await analyse();
      save();
    } else {
      save();
      await analyse();
    }
    console.log(`${engine.name} ${tag} run ${i + 1}/${runs}: analysis ${secs(ours[i].ms)} s (peak RSS ${mib(ours[i].peakRss)} MiB) · docker save ${secs(saves[i])} s`);
    if (profileDir) console.log(`CPU profile of the web host, last run (self time):\n${profileSummary(profileDir)}`);
  }
  return { ours, saves, result: last.result };
}

// ---------------------------------------------------------------------------------------------------
// Setup, table, clean-up.

/** The engines to measure, starting the test environment if it is missing or an engine is silent. */
async function enginesToMeasure() {
  let env = readTestEnv();
  const names = values.engine ? [values.engine] : Object.keys(env?.engines ?? { containerd: 1, legacy: 1 });
  if (!env || names.some((n) => !env.engines?.[n] || !engineAnswers(env.engines[n]))) env = await startTestEnv();
  return names.map((n) => {
    if (!env.engines[n]) throw new Error(`no ${n} engine in the test environment`);
    return { ...env.engines[n], name: n };
  });
}

/** Rebuilds dist/ when a source is newer, as `npm run web` does: the bench must measure current code. */
function ensureBuilt() {
  if (!buildIsStale(ROOT)) return;
  const built = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('node scripts/build.mjs failed');
}

function printTable(rows) {
  const header = ['engine', 'image', 'size MiB', 'read MiB', 'files', 'layers', 'ours best/med s', 'save best/med s', 'ratio med (best)', 'peak RSS MiB (idle)', 'wasted: avoidable / dive MiB, eff., paths'];
  const cells = rows.map((r) => {
    const w = r.result.wasted;
    return [
      r.engine, r.tag, mib(r.size), mib(r.result.readBytes), r.result.files.toLocaleString('en'), String(r.result.layers.length),
      `${secs(best(r.ours.map((o) => o.ms)))} / ${secs(median(r.ours.map((o) => o.ms)))}`,
      `${secs(best(r.saves))} / ${secs(median(r.saves))}`,
      `${(median(r.ours.map((o) => o.ms)) / median(r.saves)).toFixed(2)}× (${(best(r.ours.map((o) => o.ms)) / best(r.saves)).toFixed(2)}×)`,
      `${mib(Math.max(...r.ours.map((o) => o.peakRss)))} (${mib(median(r.ours.map((o) => o.idleRss)))})`,
      `${mib(w.avoidableBytes)} / ${mib(w.dive.wastedBytes)}, ${(100 * w.dive.efficiency).toFixed(1)}%, ${w.pathCount.toLocaleString('en')}`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => c.map((s, i) => s.padEnd(widths[i])).join(' | ');
  console.log(`\nlayers.analyse vs docker save > /dev/null, ${runs} run(s) each, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}:`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const c of cells) console.log(line(c));
  console.log('size: the engine\'s image size; read: the save stream\'s bytes (compressed layers on the containerd store)');
  console.log('peak RSS: the worst run\'s VmHWM of the web host; idle: its RSS before the job');
  console.log('targets: ratio ≤ 1.2×, peak RSS < 256 MB (= 244 MiB)');
}

ensureBuilt();
const engines = await enginesToMeasure();
const recipes = [bigRecipe(gb), manyRecipe()];
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-bench-layers-'));
const rows = [];
try {
  for (const engine of engines) {
    const docker = dockerFor(engine);
    for (const recipe of recipes) await ensureImage(docker, engine, recipe);
    for (const recipe of recipes) {
      const size = Number(docker(['image', 'inspect', '-f', '{{.Size}}', recipe.tag]));
      rows.push({ engine: engine.name, tag: recipe.tag, size, ...(await measure(engine, recipe.tag, work)) });
    }
  }
  printTable(rows);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
  if (!values.keep) {
    for (const engine of engines) dockerFor(engine)(['rmi', ...recipes.map((r) => r.tag)], { allowFail: true });
  }
}
