import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SharingGroup } from '../../../shared/sharing-types';
import { buildSharing, type SharingInput, type Unit } from './sharing-model';

const unit = (key: string, size: number): Unit => ({ key, size });
const image = (id: string, layers: Unit[] | null, extra: Unit[] = [], frees: number | null = null): SharingInput => ({ id, names: [`${id}:latest`], containers: 0, children: 0, frees, layers, extra });

function flatten(roots: SharingGroup[]): SharingGroup[] {
  return roots.flatMap((g) => [g, ...flatten(g.children)]);
}

describe('layer sharing', () => {
  const base = [unit('a', 100), unit('b', 50)];
  const inputs = [
    image('base', base),
    image('web', [...base, unit('c', 10), unit('d', 5)], [unit('web-config', 1)]),
    image('api', [...base, unit('e', 20)]),
    image('other', [unit('x', 7)]),
  ];
  const result = buildSharing(inputs, 'content', 42);

  it('counts a unit as shared when another image holds it, and the rest as what removing the image frees', () => {
    const web = result.images.find((i) => i.id === 'web')!;
    expect(web).toMatchObject({ totalBytes: 166, sharedBytes: 150, uniqueBytes: 16, sharedWith: 2, layers: 4 });
    expect(result.images.find((i) => i.id === 'base')).toMatchObject({ uniqueBytes: 0, sharedWith: 2 });
    expect(result.images.find((i) => i.id === 'other')).toMatchObject({ sharedBytes: 0, uniqueBytes: 7, sharedWith: 0 });
    expect(result).toMatchObject({ totalBytes: 193, sharedBytes: 150, measuredAt: 42, accounting: 'content' });
  });

  it('puts the base first, with the images built on it above, folding runs no image ends at or branches from', () => {
    expect(result.roots.map((r) => r.images)).toEqual([['base'], ['other']]);
    const [root] = result.roots;
    expect(root).toMatchObject({ layers: 2, bytes: 150, dependants: 3 });
    expect(root!.children.map((c) => [c.images, c.layers, c.bytes])).toEqual([
      [['api'], 1, 20],
      [['web'], 2, 15],
    ]);
  });

  it('treats the same blob above two different runs as two places in the tree, but as one shared unit', () => {
    const r = buildSharing([image('one', [unit('a', 1), unit('z', 9)]), image('two', [unit('b', 1), unit('z', 9)])], 'content', 0);
    const keys = flatten(r.roots).map((g) => g.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(r.images.map((i) => i.sharedBytes)).toEqual([9, 9]);
  });

  it('says what removing frees as the removal simulation found, or what the image alone holds when nothing keeps it', () => {
    const r = buildSharing([image('base', [unit('a', 5)], [unit('base-config', 2)], 0), image('app', [unit('a', 5), unit('b', 3)])], 'content', 0);
    expect(r.images.find((i) => i.id === 'base')).toMatchObject({ uniqueBytes: 2, freesBytes: 0 });
    expect(r.images.find((i) => i.id === 'app')).toMatchObject({ uniqueBytes: 3, freesBytes: 3 });
  });

  it('leaves an image whose content could not be read out of every figure, and says how many', () => {
    const r = buildSharing([image('known', [unit('a', 5)]), image('lost', null)], 'content', 0);
    expect(r.unknown).toBe(1);
    expect(r.images.find((i) => i.id === 'lost')).toMatchObject({ totalBytes: null, sharedBytes: null, uniqueBytes: null, freesBytes: null });
    expect(r.images.find((i) => i.id === 'known')).toMatchObject({ uniqueBytes: 5 });
  });

  it('keeps an image without layers in the list but out of the tree', () => {
    const r = buildSharing([image('empty', [], [unit('cfg', 3)])], 'content', 0);
    expect(r.roots).toEqual([]);
    expect(r.images[0]).toMatchObject({ totalBytes: 3, uniqueBytes: 3 });
  });

  it('agrees with a plain count on random images: every image in the tree once, bytes conserved', () => {
    const keyArb = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
    const inputArb = fc.array(fc.tuple(fc.array(keyArb, { maxLength: 6 }), fc.array(keyArb, { maxLength: 2 })), { maxLength: 12 });
    const size = (k: string) => k.charCodeAt(0);
    fc.assert(
      fc.property(inputArb, (raw) => {
        const inputs = raw.map(([layers, extra], i) => image(`img${i}`, layers.map((k) => unit(k, size(k))), extra.map((k) => unit(`x${k}`, size(k)))));
        const r = buildSharing(inputs, 'layers', 0);
        const owners = new Map<string, Set<string>>();
        for (const input of inputs) for (const u of [...input.layers!, ...input.extra]) (owners.get(u.key) ?? owners.set(u.key, new Set()).get(u.key)!).add(input.id);
        for (const input of inputs) {
          const own = new Set([...input.layers!, ...input.extra].map((u) => u.key));
          const unique = [...own].filter((k) => owners.get(k)!.size === 1).reduce((s, k) => s + size(k.replace(/^x/, '')), 0);
          expect(r.images.find((i) => i.id === input.id)!.uniqueBytes).toBe(unique);
        }
        const groups = flatten(r.roots);
        const placed = groups.flatMap((g) => g.images).sort();
        expect(placed).toEqual(inputs.filter((i) => i.layers!.length > 0).map((i) => i.id).sort());
        // Each image's layers are exactly the groups on its path from a root.
        const depthOf = (id: string) => inputs.find((i) => i.id === id)!.layers!.length;
        const walk = (g: SharingGroup, above: number) => {
          for (const id of g.images) expect(above + g.layers).toBe(depthOf(id));
          expect(g.dependants).toBe(g.images.length + g.children.reduce((s, c) => s + c.dependants, 0));
          g.children.forEach((c) => walk(c, above + g.layers));
        };
        r.roots.forEach((g) => walk(g, 0));
      }),
      { numRuns: 300 },
    );
  });
});
