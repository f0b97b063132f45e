import { inject } from 'vitest';

export type EngineName = 'containerd' | 'legacy';

/** One private engine, as scripts/test-env/engines.mjs started it. */
export interface TestEngine {
  name: EngineName;
  /** "Docker 26.1, containerd image store": how test reports name the engine. */
  label: string;
  dir: string;
  dockerHost: string;
  socketPath: string;
  dockerConfig: string;
}

export interface TestEnv {
  dir: string;
  registry: { address: string; username: string; password: string };
  /** A Docker Hub mirror every engine was started with: a registry in proxy mode of `hub`. */
  mirror?: { address: string };
  /** A plain registry without auth standing in for Docker Hub behind `mirror` (push `library/x:1` here). */
  hub?: { address: string };
  engines: Partial<Record<EngineName, TestEngine>>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    testEnv: TestEnv;
  }
}

export function testEnv(): TestEnv {
  return inject('testEnv');
}

const ORDER: EngineName[] = ['containerd', 'legacy'];

/** The engines this run tests against, the containerd store first (what fresh installs use). */
export function testEngines(): TestEngine[] {
  const { engines } = testEnv();
  // STEVEDORE_TEST_ENGINES=legacy (or containerd) narrows a local run even when both engines run.
  const wanted = (process.env.STEVEDORE_TEST_ENGINES ?? '').split(',').filter(Boolean);
  return ORDER.filter((name) => wanted.length === 0 || wanted.includes(name)).flatMap((name) => (engines[name] ? [engines[name]!] : []));
}
