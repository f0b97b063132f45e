import { inject } from 'vitest';

export interface TestEnv {
  dir: string;
  dockerHost: string;
  socketPath: string;
  registry: { address: string; username: string; password: string };
  dockerConfig: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    testEnv: TestEnv;
  }
}

export function testEnv(): TestEnv {
  return inject('testEnv');
}
