// The private engine the scale benchmarks share: one per size and store, data kept under /var/tmp so a
// second run does not load thousands of images again. Never the user's daemon.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { engineAnswers, startEngine } from './engines.mjs';
import { killLeftovers, mountsUnder, terminate } from './processes.mjs';

/** The engine for `rows` images of this store kind: reused when it still answers, else started. */
export async function benchEngine(kind, rows) {
  // Each size has its own engine, so a 20,000-row run does not leave the 5,100-row host with more rows.
  const root = rows === 5100 ? '/var/tmp/stevedore-bench' : `/var/tmp/stevedore-bench-${rows}`;
  fs.mkdirSync(root, { recursive: true });
  const stateFile = path.join(root, `${kind.name}.json`);
  let engine = fs.existsSync(stateFile) ? JSON.parse(fs.readFileSync(stateFile, 'utf8')) : null;
  let started = false;
  if (!engine || !engineAnswers(engine)) {
    engine = await startEngine(root, kind, (e) => fs.writeFileSync(stateFile, JSON.stringify(e)));
    fs.writeFileSync(stateFile, JSON.stringify(engine));
    started = true;
  }
  return { engine, root, started };
}

/** Stops an engine benchEngine started (one it found running is someone else's to stop). */
export async function stopBenchEngine({ engine, root, started }) {
  if (!started) return;
  await terminate('dockerd (bench)', engine.dockerdPid, root, 30_000);
  await terminate('containerd (bench)', engine.containerdPid, root, 10_000);
  await killLeftovers(engine.dir);
  for (const m of mountsUnder(engine.dir)) spawnSync('umount', ['-l', m]);
}
