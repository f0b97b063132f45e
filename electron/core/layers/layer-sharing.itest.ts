import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../scripts/test-env/fixture-names.mjs';
import type { JobUpdate } from '../../../shared/job-types';
import type { RemovalPlan, RemovalReport } from '../../../shared/removal-types';
import type { LayerSharing, SharingGroup } from '../../../shared/sharing-types';
import type { Backend } from '../backend';
import { backendFor, connected, dockerCli, nextEvent, removeImagesDeep, valueOf } from '../test-support/backend-harness';
import { buildImage } from '../test-support/build-image';
import { forEachEngine } from '../test-support/engine-suite';

function* groups(roots: SharingGroup[]): Generator<{ group: SharingGroup; parent: SharingGroup | null }> {
  const stack = roots.map((group) => ({ group, parent: null as SharingGroup | null }));
  while (stack.length > 0) {
    const next = stack.pop()!;
    yield next;
    for (const child of next.group.children) stack.push({ group: child, parent: next.group });
  }
}

forEachEngine((engine) => {
  let backend: Backend;
  const repo = `stevedore-itest/sharing-${engine.name}`;
  const ids: Record<'base' | 'left' | 'right' | 'alone', string> = { base: '', left: '', right: '', alone: '' };
  beforeAll(async () => {
    backend = backendFor(engine);
    await connected(backend);
    ids.base = buildImage(engine, `${repo}:base`, [`FROM ${FIXTURES.base}`, 'RUN head -c 100000 /dev/urandom > /base.bin']);
    ids.left = buildImage(engine, `${repo}:left`, [`FROM ${repo}:base`, 'RUN head -c 20000 /dev/urandom > /left.bin']);
    ids.right = buildImage(engine, `${repo}:right`, [`FROM ${repo}:base`, 'RUN head -c 30000 /dev/urandom > /right.bin', 'RUN head -c 5000 /dev/urandom > /right2.bin']);
    ids.alone = buildImage(engine, `${repo}:alone`, [`FROM ${FIXTURES.base}`, 'RUN head -c 40000 /dev/urandom > /alone.bin']);
  });
  afterAll(() => {
    backend.dispose();
    removeImagesDeep(engine, Object.values(ids).filter(Boolean));
  });

  async function sharing(): Promise<LayerSharing> {
    const { jobId } = valueOf<{ jobId: string }>(await backend.call('layers.sharing', {}));
    const end = (await nextEvent(backend, 'job.update', (u) => u.jobId === jobId && u.state !== 'running', 120_000)) as JobUpdate & { result?: LayerSharing };
    expect(end.state, JSON.stringify(end.error)).toBe('done');
    return end.result!;
  }

  describe('layer sharing', () => {
    let result: LayerSharing;
    beforeAll(async () => {
      result = await sharing();
    });

    it('groups images under the run of layers they start with: the base, then the images built on it', () => {
      const all = [...groups(result.roots)];
      const baseAt = all.find((g) => g.group.images.includes(ids.base));
      expect(baseAt).toBeDefined();
      const above = baseAt!.group.children.flatMap((c) => c.images);
      expect(above).toEqual(expect.arrayContaining([ids.left, ids.right]));
      expect(baseAt!.group.dependants).toBeGreaterThanOrEqual(3);
      // right's two steps are one group: no image ends between them.
      expect(baseAt!.group.children.find((c) => c.images.includes(ids.right))!.layers).toBe(2);
      // alone shares the fixture's layers with base, then parts: one root run above both.
      const aloneAt = all.find((g) => g.group.images.includes(ids.alone))!;
      expect(aloneAt.parent).not.toBeNull();
      expect([...groups([aloneAt.parent!])].some((g) => g.group.images.includes(ids.base))).toBe(true);
    });

    it('lists each image once with shared + unique = total, and says which are shared', () => {
      const seen = new Set<string>();
      for (const image of result.images) {
        expect(seen.has(image.id)).toBe(false);
        seen.add(image.id);
        if (image.totalBytes === null) continue;
        expect(image.sharedBytes! + image.uniqueBytes!).toBe(image.totalBytes);
      }
      const byId = new Map(result.images.map((i) => [i.id, i]));
      // Everything base holds, its children hold too.
      expect(byId.get(ids.base)!.sharedWith).toBeGreaterThanOrEqual(2);
      expect(byId.get(ids.base)!.children).toBeGreaterThanOrEqual(1);
      expect(byId.get(ids.left)!.uniqueBytes).toBeGreaterThanOrEqual(20_000 * (engine.name === 'legacy' ? 1 : 0.9));
      expect(result.sharedBytes).toBeLessThanOrEqual(result.totalBytes);
    });

    it("says what removing an image alone frees as the removal preview counts it, for every image nothing else holds", async () => {
      let checked = 0;
      // The test's own images and a spread of the rest: each preview reads the whole store again.
      const ours = new Set(Object.values(ids));
      const step = Math.max(1, Math.floor(result.images.length / 6));
      for (const image of result.images.filter((i, n) => ours.has(i.id) || n % step === 0)) {
        if (image.containers > 0 || image.freesBytes === null) continue;
        // By ID, as the view's Remove does; an image with names in two repositories needs -f then.
        const ask = async (force: boolean) => valueOf<RemovalPlan>(await backend.call('images.removalPlan', { selection: { kind: 'refs', refs: [image.id] }, force }));
        let plan = await ask(false);
        if (plan.conflicts.some((c) => c.kind === 'multiple-repositories')) plan = await ask(true);
        expect(plan.conflicts.filter((c) => c.kind !== 'child-images'), image.id).toEqual([]);
        expect(plan.totalBytes, `${image.names[0] ?? image.id}`).toBe(image.freesBytes);
        checked += 1;
      }
      expect(checked).toBeGreaterThanOrEqual(6);
    }, 180_000);

    it('frees what it said when the image really goes', async () => {
      const said = result.images.find((i) => i.id === ids.left)!.freesBytes;
      const report = valueOf<RemovalReport>(await backend.call('images.remove', { targets: [`${repo}:left`], force: false }));
      expect(report.freed?.bytes).toBe(said);
      ids.left = '';
      const after = await sharing();
      // right no longer shares with left, so base's figures for it stand; base is still shared.
      expect(after.images.some((i) => i.names.includes(`${repo}:left`))).toBe(false);
      expect(after.images.find((i) => i.id === ids.base)!.sharedWith).toBeGreaterThanOrEqual(1);
    });
  });

  if (engine.name === 'legacy') {
    it('adds up each image to the size the engine lists for it (legacy layers, from their history)', async () => {
      const result = await sharing();
      for (const line of dockerCli(engine, 'images', '--no-trunc', '--format', '{{.ID}} {{.Size}}').trim().split('\n')) {
        const [id] = line.split(' ');
        const image = result.images.find((i) => i.id === id);
        expect(image, id).toBeDefined();
      }
      const inspect = JSON.parse(dockerCli(engine, 'image', 'inspect', ...result.images.map((i) => i.id))) as { Id: string; Size: number }[];
      for (const doc of inspect) expect(result.images.find((i) => i.id === doc.Id)!.totalBytes, doc.Id).toBe(doc.Size);
    });
  }
});
