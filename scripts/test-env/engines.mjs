// The two private engines the tests run against, each in its own folder with its own socket:
// Docker 26.1 with the containerd image store (what fresh installs use) and Debian's 20.10 with the
// legacy graph-driver store. Neither ever touches the user's daemon.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureDocker26 } from './docker-26.mjs';
import { alive, launch, ours, waitFor } from './processes.mjs';

/** In the order tests report them; the first is the one end-to-end tests use. */
export const ENGINE_KINDS = Object.freeze([
  Object.freeze({ name: 'containerd', sub: 'e26', label: 'Docker 26.1, containerd image store' }),
  Object.freeze({ name: 'legacy', sub: 'e20', label: 'Docker 20.10, legacy image store' }),
]);

/** STEVEDORE_TEST_ENGINES=legacy (or containerd) narrows a local run to one engine; CI runs both. */
export function selectedKinds() {
  const wanted = (process.env.STEVEDORE_TEST_ENGINES ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const kinds = ENGINE_KINDS.filter((k) => wanted.length === 0 || wanted.includes(k.name));
  if (kinds.length === 0) throw new Error(`STEVEDORE_TEST_ENGINES=${process.env.STEVEDORE_TEST_ENGINES} names no engine; use ${ENGINE_KINDS.map((k) => k.name).join(', ')}`);
  return kinds;
}

/** The engine's version when it answers, else null. */
export function engineAnswers(engine) {
  if (!engine) return null;
  const r = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], {
    env: { ...process.env, DOCKER_HOST: engine.dockerHost, DOCKER_CONFIG: engine.dockerConfig },
    encoding: 'utf8',
    timeout: 10_000,
  });
  return r.status === 0 ? r.stdout.trim() : null;
}

function engineFolder(root, kind) {
  const dir = path.join(root, kind.sub);
  const socketPath = path.join(dir, 'docker.sock');
  const dockerConfig = path.join(dir, 'docker-config');
  return { name: kind.name, label: kind.label, dir, socketPath, dockerHost: `unix://${socketPath}`, dockerConfig, dockerdPid: null, containerdPid: null };
}

function prepareFolder(engine) {
  fs.mkdirSync(engine.dockerConfig, { recursive: true });
  fs.writeFileSync(path.join(engine.dockerConfig, 'config.json'), '{}\n');
}

async function startLegacy(engine, onPid, mirror) {
  const { dir } = engine;
  const args = ['--data-root', `${dir}/data`, '--exec-root', `${dir}/exec`, '--pidfile', `${dir}/docker.pid`, '-H', engine.dockerHost, '--bridge=none', '--iptables=false', '--ip6tables=false'];
  if (mirror) args.push('--registry-mirror', `http://${mirror}`);
  // dockerd 20.10 adopts a running system containerd; keep our objects out of its default namespace.
  if (fs.existsSync('/run/containerd/containerd.sock')) {
    const ns = `sd-${path.basename(path.dirname(dir))}`;
    args.push('--containerd-namespace', ns, '--containerd-plugins-namespace', `${ns}-plugins`);
  }
  engine.dockerdPid = launch('dockerd', args, path.join(dir, 'dockerd.log'), dir);
  onPid();
  await waitFor('dockerd 20.10', () => engineAnswers(engine) !== null, engine.dockerdPid, path.join(dir, 'dockerd.log'), 60_000);
}

/**
 * 26.1 runs on its own containerd 1.7, started here rather than by dockerd: dockerd would adopt a
 * system containerd (an older one, or someone else's) whenever /run/containerd/containerd.sock exists.
 */
async function startContainerd(engine, onPid, mirror) {
  const bins = ensureDocker26();
  const { dir } = engine;
  const ctr = path.join(dir, 'containerd');
  fs.mkdirSync(ctr, { recursive: true });
  const ctrSocket = path.join(ctr, 'containerd.sock');
  fs.writeFileSync(path.join(ctr, 'config.toml'), [
    'version = 2',
    `root = "${ctr}/root"`,
    `state = "${ctr}/state"`,
    'disabled_plugins = ["io.containerd.grpc.v1.cri"]',
    '[grpc]',
    `  address = "${ctrSocket}"`,
    '',
  ].join('\n'));
  // Shims and runc are found on PATH: the unpacked trixie binaries first, then the machine's runc.
  const PATH = `${bins.bin}:${bins.sbin}:${process.env.PATH}`;
  const ctrLog = path.join(dir, 'containerd.log');
  engine.containerdPid = launch(bins.containerd, ['--config', path.join(ctr, 'config.toml')], ctrLog, dir, { PATH });
  onPid();
  await waitFor('containerd 1.7', () => fs.existsSync(ctrSocket), engine.containerdPid, ctrLog, 30_000);

  fs.writeFileSync(path.join(dir, 'daemon.json'), JSON.stringify({ features: { 'containerd-snapshotter': true }, bridge: 'none', iptables: false, ip6tables: false, ...(mirror ? { 'registry-mirrors': [`http://${mirror}`] } : {}) }) + '\n');
  const args = ['--config-file', path.join(dir, 'daemon.json'), '--containerd', ctrSocket, '--data-root', `${dir}/data`, '--exec-root', `${dir}/exec`, '--pidfile', `${dir}/docker.pid`, '-H', engine.dockerHost];
  engine.dockerdPid = launch(bins.dockerd, args, path.join(dir, 'dockerd.log'), dir, { PATH });
  onPid();
  await waitFor('dockerd 26.1', () => engineAnswers(engine) !== null, engine.dockerdPid, path.join(dir, 'dockerd.log'), 60_000);
}

/**
 * Starts one engine in root/<sub>; `onPid` persists the state after each process starts. `mirror`
 * (host:port) is a Docker Hub mirror the engine pulls through, as users behind a firewall configure.
 */
export async function startEngine(root, kind, onPid = () => {}, mirror = null) {
  const engine = engineFolder(root, kind);
  prepareFolder(engine);
  const t0 = Date.now();
  await (kind.name === 'legacy' ? startLegacy : startContainerd)(engine, () => onPid(engine), mirror);
  engine.mirror = mirror;
  engine.version = engineAnswers(engine);
  console.log(`engine: ${kind.label} (${engine.version}) ready at ${engine.dockerHost} in ${Date.now() - t0} ms`);
  return engine;
}

/** True while a process of this engine is still ours and running (it may just be slow to answer). */
export function engineProcessAlive(engine) {
  return [engine?.dockerdPid, engine?.containerdPid].some((pid) => pid && alive(pid) && ours(pid, engine.dir));
}
