import type { TestProject } from 'vitest/node';
import { readTestEnv, startTestEnv, stopTestEnv } from '../../../scripts/test-engine.mjs';
import { buildFixtures } from '../../../scripts/fixtures.mjs';
import type { TestEnv } from './test-env';

/** Reuse an engine someone (scripts/test-all.mjs) already started; otherwise start one and stop it after. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const startedBefore = readTestEnv() !== null;
  const env = (await startTestEnv()) as TestEnv;
  await buildFixtures(env);
  project.provide('testEnv', env);
  return async () => {
    if (!startedBefore) await stopTestEnv();
  };
}
