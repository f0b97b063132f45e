import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import type { EngineStatus } from '../../../shared/engine-types';

const PROBE = `
import { EngineConnection } from ${JSON.stringify(join(__dirname, '..', 'engine', 'connection.ts'))};
const engine = new EngineConnection({ dockerHost: process.argv[2] });
engine.connect().then((s) => { console.log(JSON.stringify(s)); engine.dispose(); process.exit(0); });
`;

/** Connect as an unprivileged user (uid 65534): the real EACCES a user outside the docker group gets. */
export function engineStatusAsNobody(dockerHost: string): EngineStatus {
  const dir = mkdtempSync('/tmp/sd-probe-');
  try {
    chmodSync(dir, 0o755);
    const entry = join(dir, 'probe.ts');
    writeFileSync(entry, PROBE);
    const outfile = join(dir, 'probe.cjs');
    buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'silent', external: ['cpu-features', '*.node'] });
    chmodSync(outfile, 0o644);
    const run = spawnSync(process.execPath, [outfile, dockerHost], { uid: 65534, gid: 65534, encoding: 'utf8', timeout: 20_000 });
    if (run.status !== 0) throw new Error(`probe failed: ${run.stderr}`);
    return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as EngineStatus;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
