import { describe } from 'vitest';
import { testEngines, testEnv, type TestEngine } from './test-env';

/**
 * Runs a suite once per private engine, each under its own describe, so every report line names the
 * engine (and image store) it ran on.
 */
export function forEachEngine(body: (engine: TestEngine) => void): void {
  for (const engine of testEngines()) describe(engine.label, () => body(engine));
}

/** Rebuilds the shared fixtures on one engine after a suite that removes or prunes images. */
export async function restoreFixtures(engine: TestEngine): Promise<void> {
  const { buildFixturesOn } = await import('../../../scripts/fixtures.mjs');
  await buildFixturesOn({ ...engine, registry: testEnv().registry });
}
