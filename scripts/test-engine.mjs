// Private dockerd + authenticated registry for tests. Never touches the user's daemon.
// Usage: node scripts/test-engine.mjs start|stop|status
import { spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensurePackages } from './test-env/install-packages.mjs';
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

/** The engine's version when it answers at env.dockerHost, else null. */
export function dockerAnswers(env) {
  if (!env) return null;
  const r = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], {
    env: { ...process.env, DOCKER_HOST: env.dockerHost, DOCKER_CONFIG: env.dockerConfig },
    encoding: 'utf8',
    timeout: 10_000,
  });
  return r.status === 0 ? r.stdout.trim() : null;
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

export async function startTestEnv() {
  await ensurePackages();
  const old = readTestEnv();
  if (old) {
    const version = dockerAnswers(old);
    if (version) {
      console.log(`engine: reusing running dockerd ${version} at ${old.dockerHost}`);
      if (!old.registry || !(await registryAnswers(old.registry))) {
        if (ours(old.registry?.pid, old.dir)) process.kill(old.registry.pid, 'SIGTERM');
        console.log('registry: not answering, starting a new one');
        await startRegistry(old);
      } else {
        console.log(`registry: reusing ${old.registry.address}`);
      }
      return old;
    }
    console.log('engine: stale env.json, cleaning up first');
    await stopTestEnv();
  }

  const dir = fs.mkdtempSync('/tmp/sd-');
  const socketPath = path.join(dir, 'docker.sock');
  const env = {
    dir,
    dockerHost: `unix://${socketPath}`,
    socketPath,
    dockerdPid: null,
    registry: null,
    dockerConfig: path.join(dir, 'docker-config'),
  };
  fs.mkdirSync(env.dockerConfig);
  fs.writeFileSync(path.join(env.dockerConfig, 'config.json'), '{}\n');
  writeTestEnv(env);
  try {
    const args = [
      '--data-root', `${dir}/data`, '--exec-root', `${dir}/exec`, '--pidfile', `${dir}/docker.pid`,
      '-H', env.dockerHost, '--bridge=none', '--iptables=false', '--ip6tables=false',
    ];
    // dockerd 20.10 adopts a running system containerd; keep our objects out of its default namespace.
    if (fs.existsSync('/run/containerd/containerd.sock')) {
      const ns = path.basename(dir);
      args.push('--containerd-namespace', ns, '--containerd-plugins-namespace', `${ns}-plugins`);
    }
    const log = path.join(dir, 'dockerd.log');
    const t0 = Date.now();
    env.dockerdPid = launch('dockerd', args, log, dir);
    writeTestEnv(env);
    await waitFor('dockerd', () => dockerAnswers(env) !== null, env.dockerdPid, log, 60_000);
    console.log(`engine: dockerd ${dockerAnswers(env)} ready at ${env.dockerHost} (pid ${env.dockerdPid}, ${Date.now() - t0} ms)`);
    await startRegistry(env);
  } catch (e) {
    console.error(`start failed: ${e.message}`);
    await stopTestEnv();
    throw e;
  }
  console.log(`state: ${ENV_FILE}`);
  return env;
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
    let pid = env.dockerdPid;
    try { pid ||= Number(fs.readFileSync(path.join(dir, 'docker.pid'), 'utf8')); } catch {}
    await terminate('dockerd', pid, dir, 30_000);
    await killLeftovers(dir);
    for (const m of mountsUnder(dir)) {
      console.log(`unmount: ${m}`);
      if (spawnSync('umount', ['-R', m], { stdio: 'inherit' }).status !== 0) {
        spawnSync('umount', ['-l', m], { stdio: 'inherit' });
      }
    }
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
  console.log(`dockerd: ${dockerAnswers(env) ?? 'not answering'}`);
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
