import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../backend';
import { backendFor, connected } from '../test-support/backend-harness';
import { cleanRound, runRound, summarise, type RoundResult } from '../test-support/differential';
import { forEachEngine } from '../test-support/engine-suite';
import { testEnv } from '../test-support/test-env';

/**
 * Random image graphs, each previewed and then removed or pruned for real. `npm test` runs a few fixed
 * seeds; `npm run test:differential` runs many random ones (STEVEDORE_DIFF_ROUNDS, STEVEDORE_DIFF_SEED).
 */
const ROUNDS = Number(process.env.STEVEDORE_DIFF_ROUNDS ?? 6);
const FIRST_SEED = Number(process.env.STEVEDORE_DIFF_SEED ?? 1000);

forEachEngine((engine) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = backendFor(engine);
    await connected(backend);
  });
  afterAll(() => {
    cleanRound(engine);
    backend.dispose();
  });

  describe('previews against the engine on random layouts', () => {
    it(
      `agree with what the engine does, over ${ROUNDS} rounds from seed ${FIRST_SEED}`,
      async () => {
        const results: RoundResult[] = [];
        for (let i = 0; i < ROUNDS; i++) results.push(await runRound(engine, backend, FIRST_SEED + i, testEnv().registry.address));
        const disagreements = results.filter((r) => !r.agreed).map((r) => `seed ${r.seed} ${r.description}: ${r.differences.join('; ')}`);
        console.log(`differential (${engine.label}): ${results.length} rounds — ${summarise(results)}`);
        for (const d of disagreements) console.log(`  disagreement: ${d}`);
        expect(disagreements).toEqual([]);
      },
      ROUNDS * 90_000,
    );
  });
});
