// Two private engines (Docker 26.1 containerd store, Docker 20.10 legacy store) and one authenticated
// registry for tests. Never touches the user's daemon.
// Usage: node scripts/test-engine.mjs start|stop|status
import { spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensurePackages } from './test-env/install-packages.mjs';
import { engineAnswers, engineProcessAlive, ENGINE_KINDS, selectedKinds, startEngine } from './test-env/engines.mjs';
import { killLeftovers, launch, mountsUnder, ours, terminate, waitFor } from './test-env/processes.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STATE_DIR = path.join(REPO, '.stevedore-test');
const ENV_FILE = path.join(STATE_DIR, 'env.json');
const USER = 'tester';
const PASSWORD = 's3cret';

export function readTestEnv() {
  try {
    return JSON.parse(fs.readFileSync(ENV_FILE, 'utf8'));
  } catch {
    return null;
  }
}

// Written after every step so `stop` can clean up even if `start` was killed half-way.
function writeTestEnv(env) {
  fs.mkdirSync(STATE_DIR, { recursive: true });
  fs.writeFileSync(ENV_FILE, JSON.stringify(env, null, 2) + '\n');
}

/** The primary engine's version when it answers, else null (kept for callers that know one engine). */
export function dockerAnswers(env) {
  return engineAnswers(env ? (env.engines?.[ENGINE_KINDS[0].name] ?? env) : null);
}

function httpStatus(address, auth) {
  return new Promise((resolve) => {
    const headers = auth ? { Authorization: 'Basic ' + Buffer.from(auth).toString('base64') } : {};
    const req = http.get(`http://${address}/v2/`, { headers, timeout: 3000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy());
  });
}

async function registryAnswers(reg) {
  return (await httpStatus(reg.address)) === 401 && (await httpStatus(reg.address, `${reg.username}:${reg.password}`)) === 200;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * A Docker Hub mirror as users run one, and the "Docker Hub" behind it: a plain registry without auth
 * (`hub`, where tests push `library/name:tag`) and a registry in proxy mode of it (`mirror`; the
 * proxy cannot log in to an htpasswd upstream). The engines start with the mirror as their registry
 * mirror, so `docker pull name:tag` works offline, as behind a firewall with a mirror.
 */
async function startMirror(env) {
  for (const [part, extra] of [
    ['hub', []],
    ['mirror', [`proxy: { remoteurl: http://${env.hub.address} }`]],
  ]) {
    const dir = path.join(env.dir, part);
    fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'config.yml'), [
      'version: 0.1',
      `storage: { filesystem: { rootdirectory: ${dir}/data }, delete: { enabled: true } }`,
      `http: { addr: ${env[part].address} }`,
      ...extra,
      '',
    ].join('\n'));
    const log = path.join(env.dir, `${part}.log`);
    env[part].pid = launch('docker-registry', ['serve', path.join(dir, 'config.yml')], log, dir);
    writeTestEnv(env);
    await waitFor(part, async () => (await httpStatus(env[part].address)) === 200, env[part].pid, log, 20_000);
  }
  console.log(`mirror: ${env.mirror.address} (pid ${env.mirror.pid}), a proxy of ${env.hub.address} (pid ${env.hub.pid})`);
}

async function startRegistry(env) {
  const dir = path.join(env.dir, 'registry');
  fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
  const hash = execFileSync('htpasswd', ['-Bbn', USER, PASSWORD], { encoding: 'utf8' });
  fs.writeFileSync(path.join(dir, 'htpasswd'), hash);
  const address = `127.0.0.1:${await freePort()}`;
  fs.writeFileSync(path.join(dir, 'config.yml'), [
    'version: 0.1',
    `storage: { filesystem: { rootdirectory: ${dir}/data }, delete: { enabled: true } }`,
    `http: { addr: ${address} }`,
    `auth: { htpasswd: { realm: test, path: ${dir}/htpasswd } }`,
    '',
  ].join('\n'));
  const log = path.join(env.dir, 'registry.log');
  const pid = launch('docker-registry', ['serve', path.join(dir, 'config.yml')], log, dir);
  env.registry = { address, username: USER, password: PASSWORD, pid };
  writeTestEnv(env);
  await waitFor('registry', () => registryAnswers(env.registry), pid, log, 20_000);
  console.log(`registry: ready at ${address} (pid ${pid}, user ${USER})`);
}

/** The first engine's connection details at the top level, for tools that drive one engine. */
function withPrimary(env) {
  const primary = ENGINE_KINDS.map((k) => env.engines?.[k.name]).find(Boolean);
  if (primary) Object.assign(env, { dockerHost: primary.dockerHost, socketPath: primary.socketPath, dockerConfig: primary.dockerConfig });
  return env;
}

/**
 * Starts (or reuses) both engines and the registry. A part that still answers is reused; a part that
 * died is restarted in its own folder; nothing a live process uses is ever deleted, so a web host
 * already connected to an engine keeps its socket.
 */
export async function startTestEnv() {
  await ensurePackages();
  const kinds = selectedKinds();
  let env = readTestEnv();
  if (env && !env.engines) {
    console.log('engine: env.json from an older layout, cleaning up first');
    await stopTestEnv();
    env = null;
  }
  if (!env) {
    env = { dir: fs.mkdtempSync('/tmp/sd-'), registry: null, engines: {} };
    writeTestEnv(env);
  }
  // The mirror's address is fixed before the engines start: they are told it at start-up.
  env.mirror ??= { address: `127.0.0.1:${await freePort()}`, pid: null };
  env.hub ??= { address: `127.0.0.1:${await freePort()}`, pid: null };
  try {
    for (const kind of kinds) {
      const known = env.engines[kind.name];
      if (known && engineAnswers(known)) {
        console.log(`engine: reusing ${kind.label} at ${known.dockerHost}`);
        continue;
      }
      if (known && engineProcessAlive(known)) {
        throw new Error(`${kind.label} is running (pid ${known.dockerdPid}) but does not answer at ${known.dockerHost}: see ${known.dir}/dockerd.log, or run npm run engine:stop first`);
      }
      if (known) await stopEngine(env, known);
      env.engines[kind.name] = await startEngine(
        env.dir,
        kind,
        (engine) => {
          env.engines[kind.name] = engine;
          writeTestEnv(withPrimary(env));
        },
        env.mirror.address,
      );
      writeTestEnv(withPrimary(env));
    }
    if (env.registry && (await registryAnswers(env.registry))) {
      console.log(`registry: reusing ${env.registry.address}`);
    } else {
      if (ours(env.registry?.pid, env.dir)) process.kill(env.registry.pid, 'SIGTERM');
      await startRegistry(env);
    }
    const answering = async (part) => env[part].pid && ours(env[part].pid, env.dir) && (await httpStatus(env[part].address)) === 200;
    if ((await answering('mirror')) && (await answering('hub'))) {
      console.log(`mirror: reusing ${env.mirror.address}`);
    } else {
      for (const part of ['mirror', 'hub']) if (ours(env[part].pid, env.dir)) process.kill(env[part].pid, 'SIGTERM');
      await startMirror(env);
    }
  } catch (e) {
    console.error(`start failed: ${e.message}`);
    throw e;
  }
  writeTestEnv(withPrimary(env));
  console.log(`state: ${ENV_FILE}`);
  return env;
}

async function stopEngine(env, engine) {
  let pid = engine.dockerdPid;
  try { pid ||= Number(fs.readFileSync(path.join(engine.dir, 'docker.pid'), 'utf8')); } catch {}
  await terminate(`dockerd (${engine.name})`, pid, env.dir, 30_000);
  await terminate(`containerd (${engine.name})`, engine.containerdPid, env.dir, 10_000);
  await killLeftovers(engine.dir);
  unmountUnder(engine.dir);
  fs.rmSync(engine.dir, { recursive: true, force: true });
}

function unmountUnder(dir) {
  for (const m of mountsUnder(dir)) {
    console.log(`unmount: ${m}`);
    if (spawnSync('umount', ['-R', m], { stdio: 'inherit' }).status !== 0) spawnSync('umount', ['-l', m], { stdio: 'inherit' });
  }
}

export async function stopTestEnv() {
  const env = readTestEnv();
  if (!env) {
    console.log('stop: nothing to stop (no env.json)');
    return;
  }
  const { dir } = env;
  if (dir && dir.startsWith('/tmp/sd-')) {
    await terminate('registry', env.registry?.pid, dir, 10_000);
    await terminate('mirror', env.mirror?.pid, dir, 10_000);
    await terminate('hub', env.hub?.pid, dir, 10_000);
    // Older layouts kept one engine at the top level.
    const engines = env.engines ? Object.values(env.engines) : [{ name: 'engine', dir, dockerdPid: env.dockerdPid }];
    for (const engine of engines) await stopEngine(env, engine);
    await killLeftovers(dir);
    unmountUnder(dir);
    fs.rmSync(dir, { recursive: true, force: true });
    console.log(`removed: ${dir}`);
  }
  fs.rmSync(ENV_FILE, { force: true });
  try { fs.rmdirSync(STATE_DIR); } catch {} // only if empty
  console.log('stop: done');
}

async function status() {
  const env = readTestEnv();
  if (!env) return console.log('status: not started');
  console.log(JSON.stringify(env, null, 2));
  for (const engine of Object.values(env.engines ?? {})) console.log(`${engine.label}: ${engineAnswers(engine) ?? 'not answering'}`);
  console.log(`registry: ${env.registry && (await registryAnswers(env.registry)) ? 'answering' : 'not answering'}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const cmd = process.argv[2];
  const run = { start: startTestEnv, stop: stopTestEnv, status }[cmd];
  if (!run) {
    console.error('usage: node scripts/test-engine.mjs start|stop|status');
    process.exit(2);
  }
  run().catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
