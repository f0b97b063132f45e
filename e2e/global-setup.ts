import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { FullConfig } from '@playwright/test';
import { E2E_ENV_FILE, REPO, writeE2EEnv, type E2EEngine, type E2EEnv } from './support/env';

interface TestEngineState {
  name: 'containerd' | 'legacy';
  label: string;
  dockerHost: string;
  socketPath: string;
  dockerConfig: string;
}
import { removeBuildSnapshot, snapshotBuild, startWebHostProcess, type RunningWebHost } from './support/web-host';

async function buildIfNeeded(): Promise<void> {
  const { BUILD_OUTPUTS } = await import('../scripts/build-freshness.mjs');
  const missing = BUILD_OUTPUTS.filter((f) => !fs.existsSync(path.join(REPO, f)));
  if (process.env.STEVEDORE_E2E_BUILD !== '1' && missing.length === 0) return;
  console.log(`e2e: building (${missing.length ? `missing ${missing.join(', ')}` : 'STEVEDORE_E2E_BUILD=1'})`);
  const r = spawnSync(process.execPath, [path.join(REPO, 'scripts/build.mjs')], { cwd: REPO, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status})`);
}

/** Electron on Linux needs a display; without one, a private Xvfb that teardown stops again. */
async function startXvfb(): Promise<{ display: string; process: ChildProcess }> {
  const xvfb = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const display = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('Xvfb printed no display number within 10 s')), 10_000);
    xvfb.stdout?.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${out.trim()}`);
      }
    });
    xvfb.once('error', (err) => reject(new Error(`Xvfb could not start: ${err.message}`)));
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code})`)));
  });
  return { display, process: xvfb };
}

/** Where the electron project finds its binary and display, or why it cannot run. */
async function prepareElectron(found: { path: string } | { path: null; reason: string }, keepXvfb: (x: ChildProcess) => void): Promise<E2EEnv['electron']> {
  if ('reason' in found) return { path: null, reason: `no Electron binary (${found.reason}); set ELECTRON_OVERRIDE_DIST_PATH to run it` };
  if (process.env.DISPLAY || process.platform !== 'linux') return { path: found.path, display: process.env.DISPLAY ?? null };
  try {
    const x = await startXvfb();
    keepXvfb(x.process);
    return { path: found.path, display: x.display };
  } catch (err) {
    return { path: null, reason: `no display for ${found.path} (${err instanceof Error ? err.message : String(err)}); install Xvfb or set DISPLAY` };
  }
}

/**
 * Prepares everything the specs share: the build, the private engine and registry with their fixture
 * images, one web host process, and (when an Electron binary exists) a display. Returns the teardown.
 */
export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  // Imported at run time: the scripts are ES modules, which Playwright's TypeScript loader would
  // otherwise rewrite as CommonJS.
  const { findElectron } = await import('../scripts/electron-binary.mjs');
  const { buildFixtures } = await import('../scripts/fixtures.mjs');
  const { dockerAnswers, readTestEnv, startTestEnv, stopTestEnv } = await import('../scripts/test-engine.mjs');
  await buildIfNeeded();

  const startedEngine = dockerAnswers(readTestEnv()) === null;
  const env = await startTestEnv();
  const hosts: RunningWebHost[] = [];
  let xvfb: ChildProcess | null = null;
  const teardown = async () => {
    for (const host of hosts) await host.stop();
    removeBuildSnapshot();
    if (xvfb && xvfb.exitCode === null) xvfb.kill('SIGTERM');
    fs.rmSync(E2E_ENV_FILE, { force: true });
    if (startedEngine) await stopTestEnv();
  };

  try {
    await buildFixtures(env);
    snapshotBuild();
    // One web host per engine: the containerd store's (what users have) runs every spec, the legacy
    // store's the @smoke ones.
    const engines: E2EEngine[] = [];
    for (const engine of Object.values(env.engines) as TestEngineState[]) {
      const host = await startWebHostProcess(engine.dockerHost);
      hosts.push(host);
      engines.push({ name: engine.name, label: engine.label, url: host.url, webHostPid: host.pid, dockerHost: engine.dockerHost, socketPath: engine.socketPath, dockerConfig: engine.dockerConfig });
      console.log(`e2e: web host ${host.origin} (pid ${host.pid}) against ${engine.label}`);
    }
    const primary = engines[0]!;

    const electron = await prepareElectron(findElectron({ download: false }), (x) => (xvfb = x));
    console.log(
      electron.path === null
        ? `electron e2e: skipped — ${electron.reason}`
        : `electron e2e: using ${electron.path}${electron.display ? ` on display ${electron.display}` : ''}`,
    );

    writeE2EEnv({
      engineName: primary.name,
      url: primary.url,
      webHostPid: primary.webHostPid,
      dockerHost: primary.dockerHost,
      socketPath: primary.socketPath,
      dockerConfig: primary.dockerConfig,
      engines,
      registry: { address: env.registry.address, username: env.registry.username, password: env.registry.password },
      hub: { address: env.hub.address },
      mirror: { address: env.mirror.address },
      startedEngine,
      electron,
    });
  } catch (err) {
    await teardown();
    throw err;
  }
  return teardown;
}
