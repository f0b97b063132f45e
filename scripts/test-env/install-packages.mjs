// Makes sure the tools the private test environment needs are installed (Debian).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

// The busybox copied into FROM-scratch images must be static: a dynamic one has no loader there.
function isStaticElf(file) {
  try {
    const b = fs.readFileSync(file);
    if (b.readUInt32BE(0) !== 0x7f454c46 || b[4] !== 2) return false; // ELF64 only
    const phoff = Number(b.readBigUInt64LE(0x20));
    const phentsize = b.readUInt16LE(0x36);
    const phnum = b.readUInt16LE(0x38);
    for (let i = 0; i < phnum; i++) {
      if (b.readUInt32LE(phoff + i * phentsize) === 3) return false; // PT_INTERP
    }
    return true;
  } catch {
    return false;
  }
}

function hasCjkFont() {
  if (fs.existsSync(CJK_FONT)) return true;
  const r = spawnSync('fc-list', { encoding: 'utf8' });
  return r.status === 0 && /noto sans cjk/i.test(r.stdout);
}

const CHECKS = [
  { what: 'dockerd', pkg: 'docker.io', ok: () => onPath('dockerd') },
  { what: 'docker', pkg: 'docker.io', ok: () => onPath('docker') },
  { what: 'docker-registry', pkg: 'docker-registry', ok: () => onPath('docker-registry') },
  { what: 'htpasswd', pkg: 'apache2-utils', ok: () => onPath('htpasswd') },
  { what: 'static /bin/busybox', pkg: 'busybox-static', ok: () => isStaticElf('/bin/busybox') },
  { what: 'skopeo', pkg: 'skopeo', ok: () => onPath('skopeo') },
  { what: '/usr/bin/chromium', pkg: 'chromium', ok: () => fs.existsSync('/usr/bin/chromium') },
  { what: 'xvfb-run', pkg: 'xvfb', ok: () => onPath('xvfb-run') },
  { what: 'Noto Sans CJK font', pkg: 'fonts-noto-cjk', ok: hasCjkFont },
];

export function missingPackages() {
  return CHECKS.filter((c) => !c.ok());
}

export async function ensurePackages({ log = console.log } = {}) {
  const missing = missingPackages();
  if (missing.length === 0) {
    log('packages: all present');
    return;
  }
  const pkgs = [...new Set(missing.map((m) => m.pkg))];
  const cmd = `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
  const names = missing.map((m) => m.what).join(', ');
  if (process.getuid?.() !== 0) {
    throw new Error(`missing: ${names}. Install as root with:\n  ${cmd}`);
  }
  log(`packages: missing ${names}`);
  log('packages: apt-get update');
  execFileSync('apt-get', ['update'], { stdio: 'inherit' });
  log(`packages: apt-get install ${pkgs.join(' ')}`);
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...pkgs], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  const still = missingPackages();
  if (still.length) throw new Error(`still missing after apt-get: ${still.map((m) => m.what).join(', ')}`);
  log('packages: installed');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensurePackages().catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
