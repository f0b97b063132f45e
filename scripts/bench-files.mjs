#!/usr/bin/env node
// `npm run bench:files`: docker save and docker load of one big image, through Stevedore's backend (the
// web host process, driven over its own contract) and through the docker CLI, alternating, several runs
// each; prints the medians, the ratio to the CLI and the web host's peak RSS. Not a test: figures only.
//   --gb N      image size in GiB (default 1; run again with 2 to see memory stay flat)
//   --runs N    runs per side (default 3)
//   --engine legacy|containerd (default legacy)
import { median, mib } from './test-env/bench-stats.mjs';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDeps, ROOT } from './ensure-deps.mjs';

ensureDeps();
execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });
const { startTestEnv, readTestEnv } = await import('./test-engine.mjs');
const { startWebHostClient } = await import('./test-env/web-host-client.mjs');

const { values } = parseArgs({ options: { gb: { type: 'string', default: '1' }, runs: { type: 'string', default: '3' }, engine: { type: 'string', default: 'legacy' } } });
const gib = Number(values.gb);
const runs = Number(values.runs);
const env = readTestEnv() ?? (await startTestEnv());
const engine = env.engines[values.engine];
if (!engine) throw new Error(`no ${values.engine} engine in the test environment`);
const dockerEnv = { ...process.env, DOCKER_HOST: engine.dockerHost, DOCKER_CONFIG: engine.dockerConfig };
const docker = (...args) => execFileSync('docker', args, { env: dockerEnv, encoding: 'utf8', maxBuffer: 64 << 20 }).trim();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-bench-files-'));
const name = `stevedore-bench/big:${gib}g`;

/** A one-layer image of incompressible bytes, made once per size (idempotent). */
function ensureImage() {
  if (docker('images', '-q', name) !== '') return;
  console.log(`making ${name} (${gib} GiB of random bytes)…`);
  const script = `set -e; d=$(mktemp -d); head -c ${Math.round(gib * 1024)}M /dev/urandom > "$d/blob"; tar -C "$d" -cf - blob | docker import - ${name}; rm -rf "$d"`;
  execFileSync('sh', ['-c', script], { env: dockerEnv, stdio: 'inherit' });
}

const startHost = () => startWebHostClient(ROOT, engine);

// Each timed step starts once the disk has written back what the step before wrote (a save or load
// leaves gigabytes of dirty pages): otherwise a step pays for its predecessor's writes, and the fixed
// order ours-then-CLI charged that to Stevedore every time.
const time = async (fn) => {
  execFileSync('sync');
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};
/** Runs both sides, Stevedore first on even runs and the CLI first on odd ones. */
async function inTurn(i, ours, cli) {
  if (i % 2 === 0) return [await time(ours), await time(cli)];
  const c = await time(cli);
  return [await time(ours), c];
}

ensureImage();
const imageBytes = Number(docker('image', 'inspect', '-f', '{{.Size}}', name));
const host = await startHost();
const times = { ourSave: [], cliSave: [], ourPreview: [], ourLoad: [], cliLoad: [] };
try {
  for (let i = 0; i < runs; i++) {
    const ours = path.join(work, `ours-${i}.tar`);
    const cli = path.join(work, `cli-${i}.tar`);
    const [ourSave, cliSave] = await inTurn(
      i,
      () => host.job('images.save', { refs: [name], path: ours }),
      () => docker('save', '-o', cli, name),
    );
    times.ourSave.push(ourSave);
    times.cliSave.push(cliSave);
    // As the dialog does: read the archive through and show it, then load it. The image stays (a load
    // of an existing image still streams every byte to the engine).
    times.ourPreview.push(await time(() => host.call('archives.preview', { source: { kind: 'path', path: ours } })));
    const [ourLoad, cliLoad] = await inTurn(
      i,
      () => host.job('archives.load', { source: { kind: 'path', path: ours } }),
      () => docker('load', '-q', '-i', cli),
    );
    times.ourLoad.push(ourLoad);
    times.cliLoad.push(cliLoad);
    fs.rmSync(ours);
    fs.rmSync(cli);
    console.log(`run ${i + 1}/${runs}: save ${times.ourSave[i].toFixed(0)} vs ${times.cliSave[i].toFixed(0)} ms · preview ${times.ourPreview[i].toFixed(0)} ms · load ${times.ourLoad[i].toFixed(0)} vs ${times.cliLoad[i].toFixed(0)} ms`);
  }
  const row = (label, ours, cli) => console.log(`${label.padEnd(6)} Stevedore ${median(ours).toFixed(0).padStart(6)} ms   docker CLI ${median(cli).toFixed(0).padStart(6)} ms   ratio ${(median(ours) / median(cli)).toFixed(2)}×`);
  console.log(`\n${name} (${mib(imageBytes)}) on ${engine.label}, medians of ${runs}, load ${os.loadavg()[0].toFixed(2)}:`);
  row('save', times.ourSave, times.cliSave);
  row('load', times.ourLoad, times.cliLoad);
  const both = times.ourPreview.map((p, i) => p + times.ourLoad[i]);
  row('p+load', both, times.cliLoad);
  console.log('(p+load: the preview that reads the archive through before anything reaches the engine, plus the load)');
  console.log(`web host peak RSS: ${mib(host.memory().peak)} (the archive is streamed, never held)`);
} finally {
  await host.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
