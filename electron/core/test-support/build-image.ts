import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestEngine } from './test-env';

/** `docker build` (legacy builder, no network) of a Dockerfile given as lines; returns the image ID. */
export function buildImage(engine: TestEngine, tag: string, lines: string[]): string {
  const dir = mkdtempSync('/tmp/sd-ctx-');
  try {
    writeFileSync(join(dir, 'Dockerfile'), lines.join('\n') + '\n');
    return execFileSync('docker', ['build', '-q', '--network', 'none', '--force-rm', '-t', tag, dir], {
      env: { ...process.env, DOCKER_HOST: engine.dockerHost, DOCKER_CONFIG: engine.dockerConfig, DOCKER_BUILDKIT: '0' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
