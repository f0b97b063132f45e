// Benchmark: the image list on a big host (5,100 rows by default), next to the docker CLI in one run.
// Cold start, filter keystrokes, held PageDown / End / Home / wheel, outside changes reaching the list,
// and memory before and after 1,000 engine events. Runs on its own private engine (data kept in
// /var/tmp/stevedore-bench so a second run does not load again); never on the user's daemon.
// Usage: node scripts/bench-scale.mjs [--rows 5100] [--runs 5] [--engine legacy|containerd] [--keep]
import { median, mib, ms, percentile as pct } from './test-env/bench-stats.mjs';
import { execFileSync, spawn } from 'node:child_process';
/* global window, requestAnimationFrame, MutationObserver, MessageChannel -- page.evaluate bodies run in the browser */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDeps, ROOT } from './ensure-deps.mjs';

ensureDeps();
const { values: opts } = parseArgs({
  options: { rows: { type: 'string', default: '5100' }, runs: { type: 'string', default: '5' }, engine: { type: 'string', default: 'legacy' }, keep: { type: 'boolean', default: false } },
});
const ROWS = Number(opts.rows);
const RUNS = Number(opts.runs);
const { chromium } = await import('playwright-core');
const { ENGINE_KINDS } = await import('./test-env/engines.mjs');
const { benchEngine, stopBenchEngine } = await import('./test-env/bench-engine.mjs');
const { ensurePackages } = await import('./test-env/install-packages.mjs');
const { ensureBigHost, rowCount } = await import('./test-env/big-host.mjs');
const { layerOf, writeDockerArchive } = await import('./test-env/docker-archive.mjs');
const { whenServing } = await import('./test-env/web-host-url.mjs');

const kind = ENGINE_KINDS.find((k) => k.name === opts.engine);
if (!kind) throw new Error(`--engine ${opts.engine}: use ${ENGINE_KINDS.map((k) => k.name).join(' or ')}`);

const sleep = (t) => new Promise((r) => setTimeout(r, t));

// ---- the engine -------------------------------------------------------------------------------------
await ensurePackages();
const bench = await benchEngine(kind, ROWS);
const { engine } = bench;
const dockerEnv = { ...process.env, DOCKER_HOST: engine.dockerHost, DOCKER_CONFIG: engine.dockerConfig };
const docker = (...args) => execFileSync('docker', args, { env: dockerEnv, encoding: 'utf8', maxBuffer: 256 << 20 });
let t0 = performance.now();
const populated = await ensureBigHost(engine.dockerHost, ROWS);
console.log(`host: ${kind.label}, ${populated.loaded ? `loaded in ${ms(performance.now() - t0)}` : 'already populated'}: ${rowCount(engine.dockerHost)} rows`);
execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });

// ---- helpers ----------------------------------------------------------------------------------------
/** Every host started, so a failed run stops them instead of leaving them serving. */
const hosts = [];
function startHost() {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/web-host/web-host.cjs'), '--port', '0', '--docker-host', engine.dockerHost], { stdio: ['ignore', 'pipe', 'inherit'] });
  hosts.push(child);
  return whenServing(child);
}
async function stopHost(host) {
  const exited = new Promise((r) => host.child.once('exit', r));
  host.child.kill('SIGTERM');
  await exited;
}
const rssOf = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) * 1024;
async function heapOf(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}
const loadAvg = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const rows = rowCount(engine.dockerHost);
const results = {};
const loads = [loadAvg()];

try {
  // ---- cold: host start → first row, next to `docker images` ----------------------------------------
  const cli = [];
  const firstRow = [];
  const allRows = [];
  const rawApi = [];
  for (let i = 0; i < RUNS; i++) {
    t0 = performance.now();
    docker('images');
    cli.push(performance.now() - t0);
    t0 = performance.now();
    execFileSync('curl', ['-s', '-o', '/dev/null', '--unix-socket', engine.dockerHost.slice('unix://'.length), 'http://engine/images/json']);
    rawApi.push(performance.now() - t0);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    t0 = performance.now();
    const host = await startHost();
    await page.goto(host.url);
    await page.locator('[data-testid="image-row"]').first().waitFor({ timeout: 60_000 });
    firstRow.push(performance.now() - t0);
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="images-count"]')?.getAttribute('data-rows')) >= n, rows, { timeout: 60_000 });
    allRows.push(performance.now() - t0);
    await page.close();
    await stopHost(host);
  }
  results.cold = { cli, rawApi, firstRow, allRows };
  loads.push(loadAvg());

  // One host and page for the rest, as a user keeps the app open.
  const host = await startHost();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(host.url);
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="images-count"]')?.getAttribute('data-rows')) >= n, rows, { timeout: 60_000 });
  await sleep(500);
  const idle = { rss: rssOf(host.child.pid), heap: await heapOf(page) };

  // ---- filter: each keystroke until its rows are on screen ------------------------------------------
  // Typed as a user types, one key at a time through the browser's input pipeline; timed in the page
  // from the keydown to the first frame painted after the list shows that filter.
  await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.__keyLatencies = [];
    const input = document.querySelector('[data-testid="images-filter"]');
    input.addEventListener('keydown', (e) => {
      if (e.key.length !== 1 && e.key !== 'Backspace') return;
      // From the key's own timestamp to just after the frame that shows the filtered rows: a message
      // posted from requestAnimationFrame runs once that frame has been painted.
      const start = e.timeStamp;
      const painted = () => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => w.__keyLatencies.push(performance.now() - start);
        channel.port2.postMessage(null);
      };
      const check = () => {
        const applied = document.querySelector('[data-filter-applied]')?.getAttribute('data-filter-applied');
        if (applied === input.value) painted();
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
  });
  const filterInput = page.getByTestId('images-filter');
  const words = ['svc-01', 'build-2', 'v3.0', 'bench/svc-1', 'none'];
  for (let r = 0; r < RUNS; r++) {
    for (const word of words) {
      await filterInput.click();
      for (const ch of word) {
        await page.keyboard.press(ch);
        await sleep(60);
      }
      for (let k = 0; k < word.length; k++) {
        await page.keyboard.press('Backspace');
        await sleep(60);
      }
    }
  }
  await sleep(300);
  results.filter = await page.evaluate(() => /** @type {any} */ (window).__keyLatencies);
  loads.push(loadAvg());

  // ---- scroll: held keys and the wheel, frames and handled presses ---------------------------------
  // Key repeat as the OS sends it (~30/s), through CDP without waiting for each to be handled, so a
  // busy main thread shows up as dropped presses and long frames, as it would for a user.
  const cdp = await page.context().newCDPSession(page);
  const frameWatch = () =>
    page.evaluate(() => {
      const w = /** @type {any} */ (window);
      w.__frames = [];
      w.__handled = 0;
      w.__watching = true;
      let last = performance.now();
      const tick = (now) => {
        w.__frames.push(now - last);
        last = now;
        if (w.__watching) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      w.__onKey ??= () => w.__handled++;
      window.removeEventListener('keydown', w.__onKey, true);
      window.addEventListener('keydown', w.__onKey, true);
    });
  const frameStop = () =>
    page.evaluate(() => {
      const w = /** @type {any} */ (window);
      w.__watching = false;
      window.removeEventListener('keydown', w.__onKey, true);
      return { frames: w.__frames.slice(1), handled: w.__handled };
    });
  const keyCode = { PageDown: 34, PageUp: 33, End: 35, Home: 36 };
  const sendKey = (key, autoRepeat) =>
    Promise.all([
      cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key, code: key, windowsVirtualKeyCode: keyCode[key], autoRepeat }),
      cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, code: key, windowsVirtualKeyCode: keyCode[key] }),
    ]);
  await filterInput.fill('');
  await page.getByTestId('image-row').first().click();
  const scroll = { pageDown: [], endHome: [], wheel: [] };
  for (let r = 0; r < RUNS; r++) {
    await page.keyboard.press('Home');
    await sleep(300);
    await frameWatch();
    let sent = 0;
    const until = performance.now() + 3000;
    const pending = [];
    while (performance.now() < until) {
      pending.push(sendKey('PageDown', sent > 0));
      sent++;
      await sleep(33);
    }
    await Promise.all(pending);
    await sleep(300);
    scroll.pageDown.push({ ...(await frameStop()), sent });

    await frameWatch();
    let presses = 0;
    for (let k = 0; k < 10; k++) {
      await sendKey(k % 2 ? 'Home' : 'End', false);
      presses++;
      await sleep(150);
    }
    await sleep(300);
    scroll.endHome.push({ ...(await frameStop()), sent: presses });

    await page.mouse.move(640, 400);
    await frameWatch();
    for (let k = 0; k < 120; k++) {
      await page.mouse.wheel(0, k < 60 ? 240 : -240);
      await sleep(16);
    }
    await sleep(300);
    scroll.wheel.push({ ...(await frameStop()), sent: 120 });
  }
  await cdp.detach();
  results.scroll = scroll;
  loads.push(loadAvg());

  // ---- live: an outside change → the list shows it ---------------------------------------------------
  // Timed from the engine's own event (its timeNano) to the row appearing or going in the page.
  await filterInput.fill('live-bench');
  await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.__seen = {};
    new MutationObserver(() => {
      const now = performance.timeOrigin + performance.now();
      const present = new Set([...document.querySelectorAll('[data-testid="image-row"]')].map((r) => `${r.getAttribute('data-repository')}:${r.getAttribute('data-tag')}`));
      for (const name of Object.keys(w.__expect ?? {})) {
        if (w.__seen[name] === undefined && present.has(name) === w.__expect[name]) w.__seen[name] = now;
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-tag', 'data-repository'] });
  });
  const { default: Docker } = await import('dockerode');
  const api = new Docker({ socketPath: engine.dockerHost.slice('unix://'.length) });
  const events = await api.getEvents({ filters: { type: ['image'] } });
  const eventTimes = [];
  let buffered = '';
  events.setEncoding('utf8');
  events.on('data', (chunk) => {
    buffered += chunk;
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      try {
        const ev = JSON.parse(line);
        eventTimes.push({ action: ev.Action, name: ev.Actor?.Attributes?.name ?? ev.id, at: ev.timeNano / 1e6 });
      } catch {}
    }
  });
  const someImage = docker('images', '-q', '--filter', 'label=stevedore.bench', '--filter', 'dangling=false').split('\n')[0];
  const live = { tag: [], rmi: [], load: [] };
  const expectRow = (name, present) => page.evaluate(([n, p]) => {
    const w = /** @type {any} */ (window);
    w.__expect = { [n]: p };
    delete w.__seen[n];
  }, [name, present]);
  const seenAt = async (name) => {
    await page.waitForFunction((n) => /** @type {any} */ (window).__seen[n] !== undefined, name, { timeout: 15_000 });
    return page.evaluate((n) => /** @type {any} */ (window).__seen[n], name);
  };
  // The engine's first event of that action since the command started (20.10 names no tag on untag).
  const eventAt = async (action, since) => {
    for (let i = 0; i < 250; i++) {
      const ev = eventTimes.find((e) => e.action === action && e.at >= since - 50);
      if (ev) return ev.at;
      await sleep(20);
    }
    throw new Error(`no ${action} event from the engine`);
  };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-bench-live-'));
  for (let r = 0; r < RUNS; r++) {
    const name = `live-bench/tagged:r${r}`;
    await expectRow(name, true);
    let since = Date.now();
    docker('tag', someImage, name);
    live.tag.push((await seenAt(name)) - (await eventAt('tag', since)));
    await expectRow(name, false);
    since = Date.now();
    docker('rmi', name);
    live.rmi.push((await seenAt(name)) - (await eventAt('untag', since)));
    // A new image from a file, as `docker load` of a colleague's tar.
    const loaded = `live-bench/loaded:r${r}-${Date.now()}`;
    const layer = await layerOf([{ name: 'live.txt', content: Buffer.from(loaded) }]);
    const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', created: new Date().toISOString(), config: {}, rootfs: { type: 'layers', diff_ids: [layer.diffId] } }));
    const file = path.join(tmp, `r${r}.tar`);
    await writeDockerArchive(file, [{ config, layers: [layer], tags: [loaded] }]);
    await expectRow(loaded, true);
    since = Date.now();
    docker('load', '-q', '-i', file);
    live.load.push((await seenAt(loaded)) - (await eventAt('load', since)));
    docker('rmi', loaded);
    eventTimes.length = 0;
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  results.live = live;
  loads.push(loadAvg());

  // ---- memory after 1,000 events ---------------------------------------------------------------------
  for (let k = 0; k < 500; k++) {
    await api.getImage(someImage).tag({ repo: 'live-bench/churn', tag: `k${k % 20}` });
    if (k % 20 === 19) for (let j = 0; j < 20; j++) await api.getImage(`live-bench/churn:k${j}`).remove().catch(() => undefined);
  }
  await sleep(2000);
  await filterInput.fill('');
  await sleep(1000);
  const after = { rss: rssOf(host.child.pid), heap: await heapOf(page) };
  results.memory = { idle, after };
  events.destroy();
  await page.close();
  await stopHost(host);
} finally {
  for (const child of hosts) if (child.exitCode === null) child.kill('SIGTERM');
  await browser.close();
  if (!opts.keep) await stopBenchEngine(bench);
}

// ---- report --------------------------------------------------------------------------------------------
const { cold, filter, scroll, live, memory } = results;
const over = (frames, limit) => frames.filter((f) => f > limit).length;
const scrollLine = (label, runs) => {
  const frames = runs.flatMap((r) => r.frames);
  const sent = runs.reduce((n, r) => n + r.sent, 0);
  const handled = runs.reduce((n, r) => n + r.handled, 0);
  return `  ${label.padEnd(34)} ${over(frames, 33)} of ${frames.length} frames over 33 ms (longest ${ms(Math.max(...frames))}), ${handled} of ${sent} presses handled`;
};
console.log(`\nThe image list at ${rows} rows on ${kind.label}, ${RUNS} runs (medians; machine load ${loads.join(' → ')}):`);
console.log(`  docker images (CLI)                 ${ms(median(cold.cli))}     raw GET /images/json ${ms(median(cold.rawApi))}`);
console.log(`  host start → first row              ${ms(median(cold.firstRow))}     (${(median(cold.firstRow) / median(cold.cli)).toFixed(2)}× the CLI; target ≤ 1.5×)`);
console.log(`  host start → all ${rows} rows       ${ms(median(cold.allRows))}`);
console.log(`  filter keystroke → rows painted     median ${ms(median(filter))}, p95 ${ms(pct(filter, 0.95))}, worst ${ms(Math.max(...filter))} over ${filter.length} keys (target ≤ 16 / p95 ≤ 33)`);
console.log(scrollLine('PageDown held 3 s', scroll.pageDown));
console.log(scrollLine('End / Home', scroll.endHome));
console.log(scrollLine('wheel', scroll.wheel).replace(/, \d+ of \d+ presses handled/, ''));
console.log(`  outside change → list (from the engine's event)  tag ${ms(median(live.tag))}, rmi ${ms(median(live.rmi))}, load ${ms(median(live.load))} (target ≤ 150)`);
console.log(`  web host RSS                        ${mib(memory.idle.rss)} → ${mib(memory.after.rss)} after 1,000 events (target ≤ 120 MB)`);
console.log(`  page heap                           ${mib(memory.idle.heap)} → ${mib(memory.after.heap)} after 1,000 events (target ≤ 64 MB)`);
console.log(`  (cli ${cold.cli.map(ms).join(', ')}; first row ${cold.firstRow.map(ms).join(', ')}; tag ${live.tag.map(ms).join(', ')})`);
