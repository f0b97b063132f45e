// Fetches Docker 26.1 (containerd image store) from Debian's next release into a cache folder, without
// installing anything system-wide: the recipe of ../shared/TESTING.md. Cached between runs.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SUITE = 'trixie';
const PACKAGES = ['docker.io', 'containerd'];
const KEYRING = '/usr/share/keyrings/debian-archive-keyring.gpg';

export function cacheRoot() {
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'stevedore-test');
}

/** The machine's own Debian archive (deb822 or one-line sources), so nothing new has to be reachable. */
function debianArchive() {
  const candidates = ['/etc/apt/sources.list.d/debian.sources', '/etc/apt/sources.list'];
  for (const file of candidates) {
    let text = '';
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const deb822 = /^URIs:\s*(\S+)/m.exec(text);
    if (deb822 && !deb822[1].includes('security')) return deb822[1];
    const line = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+\S+/m.exec(text);
    if (line && !line[1].includes('security')) return line[1];
  }
  return 'http://deb.debian.org/debian';
}

function binaries(dir) {
  return { bin: path.join(dir, 'root/usr/bin'), sbin: path.join(dir, 'root/usr/sbin'), dockerd: path.join(dir, 'root/usr/sbin/dockerd'), containerd: path.join(dir, 'root/usr/bin/containerd') };
}

function versionOf(dockerd) {
  const r = spawnSync(dockerd, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/**
 * Returns the unpacked engine ({ bin, sbin, dockerd, containerd, version }), downloading it first when
 * the cache has none. runc comes from the machine's own (bookworm) package: trixie's needs a newer glibc.
 */
export function ensureDocker26({ log = console.log } = {}) {
  const dir = path.join(cacheRoot(), `docker-${SUITE}`);
  const bins = binaries(dir);
  const cached = fs.existsSync(bins.containerd) ? versionOf(bins.dockerd) : null;
  if (cached) return { ...bins, version: cached };

  const t0 = Date.now();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-apt-'));
  try {
    fs.mkdirSync(path.join(work, 'lists/partial'), { recursive: true });
    fs.mkdirSync(path.join(work, 'cache'), { recursive: true });
    const signed = fs.existsSync(KEYRING) ? `[signed-by=${KEYRING}] ` : '';
    fs.writeFileSync(path.join(work, 'sources.list'), `deb ${signed}${debianArchive()} ${SUITE} main\n`);
    const apt = ['-o', `Dir::Etc::sourcelist=${work}/sources.list`, '-o', 'Dir::Etc::sourceparts=/dev/null', '-o', `Dir::State::Lists=${work}/lists`, '-o', `Dir::Cache=${work}/cache`, '-o', 'APT::Sandbox::User=root'];
    log(`docker 26: fetching ${PACKAGES.join(', ')} from Debian ${SUITE} into ${dir}`);
    execFileSync('apt-get', [...apt, '-qq', 'update'], { stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync('apt-get', [...apt, '-qq', 'download', ...PACKAGES], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
    const staging = `${dir}.partial`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(path.join(staging, 'root'), { recursive: true });
    for (const deb of fs.readdirSync(work).filter((f) => f.endsWith('.deb'))) execFileSync('dpkg-deb', ['-x', path.join(work, deb), path.join(staging, 'root')]);
    for (const runc of ['root/usr/sbin/runc', 'root/usr/bin/runc']) fs.rmSync(path.join(staging, runc), { force: true });
    fs.rmSync(dir, { recursive: true, force: true });
    // Renamed only when complete: an interrupted download never looks like a cached engine.
    fs.renameSync(staging, dir);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  const version = versionOf(bins.dockerd);
  if (!version) throw new Error(`the unpacked dockerd in ${dir} does not run (${spawnSync(bins.dockerd, ['--version'], { encoding: 'utf8' }).stderr})`);
  log(`docker 26: ${version} ready in ${Date.now() - t0} ms`);
  return { ...bins, version };
}
