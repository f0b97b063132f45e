// Process and mount helpers for scripts/test-engine.mjs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Only signal a pid whose command line mentions our temp dir: pids get recycled.
export function ours(pid, dir) {
  if (!pid || !dir) return false;
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir);
  } catch {
    return false;
  }
}

export function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// Detached, unref'd and writing to a file, so it outlives the script that started it.
export function launch(cmd, args, logFile, cwd, env = {}) {
  const fd = fs.openSync(logFile, 'a');
  const child = spawn(cmd, args, { cwd, detached: true, stdio: ['ignore', fd, fd], env: { ...process.env, ...env } });
  fs.closeSync(fd);
  child.unref();
  return child.pid;
}

export async function waitFor(what, check, pid, logFile, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    if (!alive(pid)) break;
    await sleep(250);
  }
  throw new Error(`${what} did not become ready (pid ${pid} ${alive(pid) ? 'still running' : 'exited'}). Log tail:\n${tail(logFile)}`);
}

export async function terminate(name, pid, dir, graceMs) {
  if (!ours(pid, dir)) return;
  console.log(`${name}: SIGTERM ${pid}`);
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (alive(pid) && ours(pid, dir) && Date.now() < deadline) await sleep(200);
  if (ours(pid, dir)) {
    console.log(`${name}: still running after ${graceMs} ms, SIGKILL`);
    process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 50 && ours(pid, dir); i++) await sleep(100);
  }
}

export function mountsUnder(dir) {
  const prefix = dir.replace(/\/$/, '') + '/';
  return fs.readFileSync('/proc/mounts', 'utf8').split('\n')
    .map((l) => l.split(' ')[1]?.replace(/\\040/g, ' '))
    .filter((m) => m && (m + '/').startsWith(prefix))
    .sort((a, b) => b.length - a.length);
}

// dockerd normally stops its containerd (and shims); an engine process still naming our dir is a
// leftover. Filter by name so e.g. someone's `tail -f $D/dockerd.log` is left alone.
export async function killLeftovers(dir) {
  for (const p of fs.readdirSync('/proc').filter((x) => /^\d+$/.test(x)).map(Number)) {
    let comm = '';
    try { comm = fs.readFileSync(`/proc/${p}/comm`, 'utf8').trim(); } catch {}
    if (/^(containerd|runc|dockerd|docker-)/.test(comm) && ours(p, dir + '/')) {
      await terminate(`leftover ${comm}`, p, dir + '/', 5_000);
    }
  }
}
