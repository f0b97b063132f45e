// `npm test`: the whole suite from a fresh clone — typecheck, lint, unit, integration (private engine +
// registry), build, end-to-end in Chromium (and Electron when a binary exists) — then one summary line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDeps, ROOT } from './ensure-deps.mjs';

ensureDeps();
const { ensurePackages } = await import('./test-env/install-packages.mjs');
const { readTestEnv, startTestEnv, stopTestEnv } = await import('./test-engine.mjs');
const { buildFixtures } = await import('./fixtures.mjs');

const RESULTS = join(ROOT, 'test-results');
rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
const steps = [];
const totals = { passed: 0, failed: 0, skipped: 0 };

function step(name, cmd, args, env = {}) {
  console.log(`\n━━ ${name}: ${[cmd, ...args].map((a) => a.replace(ROOT + '/', '')).join(' ')}`);
  const t0 = Date.now();
  const run = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = run.status === 0;
  steps.push({ name, ok, seconds: (Date.now() - t0) / 1000 });
  return ok;
}

function countVitest(file) {
  if (!existsSync(file)) return null;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
}
function countPlaywright(file) {
  if (!existsSync(file)) return null;
  const s = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
  return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0, skipped: s.skipped ?? 0 };
}
// CI shows only the tail of the output, so the summary names each failure with the first line of its error.
function vitestFailures(file) {
  if (!existsSync(file)) return [];
  const r = JSON.parse(readFileSync(file, 'utf8'));
  return (r.testResults ?? []).flatMap((f) =>
    (f.assertionResults ?? [])
      .filter((a) => a.status === 'failed')
      .map((a) => `${f.name.replace(ROOT + '/', '')} › ${a.fullName} — ${firstLine(a.failureMessages?.[0])}`),
  );
}
function playwrightFailures(file) {
  if (!existsSync(file)) return [];
  const out = [];
  const walk = (suite, trail) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'unexpected') continue;
        const err = t.results?.at(-1)?.error?.message;
        out.push(`[${t.projectName}] ${spec.file} › ${[...trail, spec.title].join(' › ')} — ${firstLine(err)}`);
      }
    }
    for (const s of suite.suites ?? []) walk(s, [...trail, s.title]);
  };
  for (const s of JSON.parse(readFileSync(file, 'utf8')).suites ?? []) walk(s, []);
  return out;
}
function firstLine(text) {
  // eslint-disable-next-line no-control-regex
  const line = String(text ?? '').replace(/\x1b\[[0-9;]*m/g, '').split('\n').find((l) => l.trim()) ?? '';
  return line.trim().slice(0, 240);
}
function add(name, counts) {
  if (!counts) {
    totals.failed++;
    console.log(`${name}: no results file — counted as a failure`);
    return;
  }
  for (const k of Object.keys(totals)) totals[k] += counts[k];
  console.log(`${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}

const hadEngine = readTestEnv() !== null;
let env;
try {
  await ensurePackages();
  env = await startTestEnv();
  await buildFixtures(env);

  step('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
  step('lint', bin('eslint'), ['.', '--max-warnings', '0']);
  const vitest = (project) => [
    'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${join(RESULTS, `${project}.json`)}`,
  ];
  step('unit tests', bin('vitest'), vitest('unit'));
  step('integration tests (private engine + registry)', bin('vitest'), vitest('integration'));
  const built = step('build', process.execPath, [join(ROOT, 'scripts/build.mjs')]);
  // e2e/global-setup.ts reuses this engine and brings its own display for Electron when one is needed.
  if (built) step('end-to-end tests (web host in Chromium; Electron when present)', bin('playwright'), ['test']);
} catch (err) {
  steps.push({ name: 'test environment', ok: false, seconds: 0 });
  console.error(`test environment failed: ${err instanceof Error ? err.message : String(err)}`);
} finally {
  if (!hadEngine) await stopTestEnv();
}

console.log('\n━━ summary');
for (const s of steps) console.log(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name} (${s.seconds.toFixed(1)} s)`);
add('unit', countVitest(join(RESULTS, 'unit.json')));
add('integration', countVitest(join(RESULTS, 'integration.json')));
add('e2e', countPlaywright(join(RESULTS, 'e2e.json')));
const failures = [
  ...vitestFailures(join(RESULTS, 'unit.json')),
  ...vitestFailures(join(RESULTS, 'integration.json')),
  ...playwrightFailures(join(RESULTS, 'e2e.json')),
];
if (failures.length > 0) console.log(`\nfailed:\n${failures.map((f) => `  ✗ ${f}`).join('\n')}`);
const stepFailures = steps.filter((s) => !s.ok).length;
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(stepFailures > 0 || totals.failed > 0 ? 1 : 0);
