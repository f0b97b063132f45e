// A web host of our own build on one engine, driven over its API socket as the page drives it: what
// the benchmarks measure. (The token in the printed URL is traded for the session cookie the socket wants.)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { WebSocket } from 'ws';
import { whenServing } from './web-host-url.mjs';

/** kB figures of /proc/<pid>/status: VmHWM is the peak resident set since the process started. */
function memoryOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)[1]) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/**
 * @param {string} root  the checkout (dist/ is built there)
 * @param {{ dockerHost: string }} engine
 * @param {string[]} [nodeArgs]  e.g. --cpu-prof
 */
export async function startWebHostClient(root, engine, nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, 'dist/web-host/web-host.cjs'), '--port', '0', '--docker-host', engine.dockerHost], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const { url } = await whenServing(child);
  const u = new URL(url);
  const token = u.searchParams.get('token');
  const trade = await fetch(url, { redirect: 'manual', headers: { Host: u.host } });
  const cookie = trade.headers.get('set-cookie').split(';')[0];
  const ws = new WebSocket(`ws://${u.host}/api`, ['stevedore.v1', `stevedore.key.${token}`], { headers: { Cookie: cookie, Origin: `http://${u.host}` } });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));

  let id = 0;
  const waiting = new Map();
  // A job's end could in principle arrive before the call's answer: ends are kept until asked for.
  const ends = new Map();
  const endWaiters = new Map();
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data));
    if (msg.type === 'result') waiting.get(msg.id)?.(msg.outcome);
    if (msg.type === 'event' && msg.event === 'job.update' && msg.payload.state !== 'running') {
      const waiter = endWaiters.get(msg.payload.jobId);
      if (waiter) waiter(msg.payload);
      else ends.set(msg.payload.jobId, msg.payload);
    }
  });
  const call = (method, args) =>
    new Promise((resolve) => {
      const n = ++id;
      waiting.set(n, resolve);
      ws.send(JSON.stringify({ type: 'call', id: n, name: method, args }));
    });
  /** Starts a job and resolves with its terminal `job.update` (done, failed or cancelled). */
  const jobEnd = async (method, args) => {
    const outcome = await call(method, args);
    if (!outcome.ok) throw new Error(`${method}: ${JSON.stringify(outcome.error)}`);
    const { jobId } = outcome.value;
    return ends.get(jobId) ?? new Promise((resolve) => endWaiters.set(jobId, resolve));
  };
  /** Like jobEnd, but anything other than done throws. */
  const job = async (method, args) => {
    const end = await jobEnd(method, args);
    if (end.state !== 'done') throw new Error(`${method}: ${JSON.stringify(end.error)}`);
    return end;
  };
  const stop = async () => {
    ws.close();
    child.kill('SIGTERM');
    await exited; // so the next run starts on an idle machine (and a CPU profile is written)
  };
  return { child, call, job, jobEnd, memory: () => memoryOf(child.pid), stop };
}
