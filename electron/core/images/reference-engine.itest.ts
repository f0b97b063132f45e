import Docker from 'dockerode';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../scripts/test-env/fixture-names.mjs';
import { parseTagTarget } from '../../../shared/reference';
import { TAG_TARGET_CASES } from '../../../shared/reference-cases';
import { forEachEngine } from '../test-support/engine-suite';

forEachEngine((engine) => {
  const docker = new Docker({ socketPath: engine.socketPath });
  const created: string[] = [];
  afterAll(async () => {
    for (const ref of created) await docker.getImage(ref).remove({ noprune: true }).catch(() => undefined);
  });

  /** Ask the engine itself: POST /images/{name}/tag with the whole reference, as `docker tag` sends it. */
  async function engineAccepts(target: string): Promise<boolean> {
    try {
      await docker.getImage(FIXTURES.base).tag({ repo: target });
      return true;
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      if (status === 400 || status === 500) return false;
      throw err;
    }
  }

  describe('our tag grammar agrees with the engine', () => {
    const cases = TAG_TARGET_CASES.filter((c) => c.input.trim() !== '');
    it.each(cases.map((c) => [c.input, 'full' in c.expect, c.engines?.[engine.name] ?? 'full' in c.expect] as const))('%j: ours %s, engine %s', async (input, valid, engineVerdict) => {
      expect(parseTagTarget(input).ok).toBe(valid);
      // The dialog trims spaces around a name before it sends it.
      const accepted = await engineAccepts(input.replace(/^ +| +$/g, ''));
      expect(accepted).toBe(engineVerdict);
      if (accepted && !valid) created.push(input);
      if (accepted && valid) {
        const verdict = parseTagTarget(input);
        if (verdict.ok) {
          created.push(verdict.ref.familiar);
          // The engine stored exactly the name we said it would.
          const tags = ((await docker.getImage(FIXTURES.base).inspect()) as { RepoTags: string[] }).RepoTags;
          expect(tags).toContain(verdict.ref.familiar);
        }
      }
    });
  });
});
