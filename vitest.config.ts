import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One private engine: integration files run one after another so their images do not race.
    fileParallelism: false,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['electron/**/*.itest.ts'],
          environment: 'node',
          // Starts (or reuses) the private dockerd + registry and builds the fixtures once.
          globalSetup: ['electron/core/test-support/engine-setup.ts'],
          setupFiles: ['electron/core/test-support/exports-ended.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
