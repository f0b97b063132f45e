import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { TestEngine } from './test-env';

/**
 * The private 26.1 engine's containerd, through `ctr`: what the Docker API does not show (leases, and
 * content no image names). Only for the containerd-store engine.
 */
function ctr(engine: TestEngine, ...args: string[]): string {
  return execFileSync('ctr', ['-a', join(engine.dir, 'containerd', 'containerd.sock'), '-n', 'moby', ...args], { encoding: 'utf8' });
}

const lines = (text: string) => text.split('\n').filter(Boolean);

export const leasesOf = (engine: TestEngine): string[] => lines(ctr(engine, 'leases', 'ls', '-q'));

export const contentDigestsOf = (engine: TestEngine): string[] => lines(ctr(engine, 'content', 'ls', '-q'));

/** Deletes leases a test made on purpose, so the content they pin does not skew later tests. */
export function removeLeases(engine: TestEngine, ids: readonly string[]): void {
  if (ids.length > 0) ctr(engine, 'leases', 'rm', ...ids);
}
