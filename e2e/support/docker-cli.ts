import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { currentE2EEnv } from './env';

/** The docker CLI against the private engine only (never the user's daemon). */
export function docker(args: string[], { allowFail = false, input }: { allowFail?: boolean; input?: Buffer } = {}): string {
  const env = currentE2EEnv();
  const r = spawnSync('docker', args, {
    env: { ...process.env, DOCKER_HOST: env.dockerHost, DOCKER_CONFIG: env.dockerConfig },
    encoding: 'utf8',
    input,
    timeout: 60_000,
  });
  if (r.status !== 0 && !allowFail) throw new Error(`docker ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout || r.error?.message}`);
  return (r.stdout ?? '').trim();
}

/** `docker image inspect -f FORMAT REF`. */
export function inspectImage(ref: string, format: string): string {
  return docker(['image', 'inspect', '-f', format, ref]);
}

/** A short random suffix for names a spec creates and removes again. */
export function randomName(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * A new untagged (dangling) image of one small file, via `docker import`: specs that need a `<none>`
 * row make their own rather than rely on one that a prune elsewhere may have removed.
 * Returns its full ID; remove it with `docker rmi`.
 */
export function importUntaggedImage(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-e2e-import-'));
  try {
    fs.writeFileSync(path.join(dir, 'e2e.txt'), `stevedore e2e ${randomName()}\n`);
    const tar = spawnSync('tar', ['-cf', '-', '-C', dir, 'e2e.txt']);
    if (tar.status !== 0) throw new Error(`tar failed: ${String(tar.stderr)}`);
    return docker(['import', '--message', 'stevedore e2e', '-'], { input: tar.stdout });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
