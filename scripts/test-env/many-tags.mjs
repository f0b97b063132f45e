// Adds/removes many tags of the base fixture through the Engine API: one CLI process per tag is far slower.
// Usage: node scripts/test-env/many-tags.mjs add [count] [repo] | remove [repo]
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { readTestEnv } from '../test-engine.mjs';
import { FIXTURES } from './fixture-names.mjs';

const CONCURRENCY = 16;

function api(env, agent, method, path) {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath: env.socketPath, agent, method, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => {
        if (res.statusCode >= 300) reject(new Error(`${method} ${path}: ${res.statusCode} ${body.trim()}`));
        else resolve(body ? JSON.parse(body) : null);
      });
    });
    req.on('error', reject);
    req.end();
  });
}

async function pool(items, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}

function withAgent(fn) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  return fn(agent).finally(() => agent.destroy());
}

export async function addManyTags(env, count, repo = 'bench/many') {
  const width = String(count).length;
  const tags = Array.from({ length: count }, (_, i) => `t${String(i).padStart(width, '0')}`);
  const q = (tag) => `repo=${encodeURIComponent(repo)}&tag=${encodeURIComponent(tag)}`;
  await withAgent((agent) => pool(tags, (tag) => api(env, agent, 'POST', `/images/${FIXTURES.base}/tag?${q(tag)}`)));
  return tags.map((t) => `${repo}:${t}`);
}

export async function removeManyTags(env, repo = 'bench/many') {
  return withAgent(async (agent) => {
    const filters = encodeURIComponent(JSON.stringify({ reference: [repo] }));
    const images = await api(env, agent, 'GET', `/images/json?filters=${filters}`);
    const refs = images.flatMap((img) => img.RepoTags ?? []).filter((t) => t.startsWith(`${repo}:`));
    // noprune: only drop the name, never the image or its parents.
    await pool(refs, (ref) => api(env, agent, 'DELETE', `/images/${ref}?noprune=1`));
    return refs;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [cmd, a, b] = process.argv.slice(2);
  const env = readTestEnv();
  const t0 = Date.now();
  const run = async () => {
    if (!env) throw new Error('no test environment: run `node scripts/test-engine.mjs start` first');
    if (cmd === 'add') {
      const n = (await addManyTags(env, Number(a ?? 1000), b)).length;
      console.log(`many-tags: added ${n} tags in ${Date.now() - t0} ms`);
    } else if (cmd === 'remove') {
      const n = (await removeManyTags(env, a)).length;
      console.log(`many-tags: removed ${n} tags in ${Date.now() - t0} ms`);
    } else {
      throw new Error('usage: node scripts/test-env/many-tags.mjs add [count] [repo] | remove [repo]');
    }
  };
  run().catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
