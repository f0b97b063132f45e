import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparePruneWithPlan, type PruneReport } from './prune-compare';
import type { RemovalPlan } from './removal-types';

const id = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;

function planOf(ids: string[], bytes: number): RemovalPlan {
  return {
    command: 'docker image prune',
    images: ids.map((i, n) => ({ id: i, tags: [`app/x:${n}`], size: 10, freedBytes: 10, created: 0 })),
    untagOnly: [],
    conflicts: [],
    totalBytes: bytes,
    layers: [],
    accounting: 'content',
  };
}

const exactly = (plan: RemovalPlan): PruneReport => ({
  deletedImageIds: plan.images.map((i) => i.id),
  untagged: plan.images.flatMap((i) => i.tags),
  deletedLayerIds: [],
  spaceReclaimed: plan.totalBytes,
});

describe('how a prune report is held against its preview', () => {
  it('finds nothing to say when the engine did exactly what was previewed, whatever the plan', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(10_000), { maxLength: 30 }), fc.nat(), (ns, bytes) => {
        const plan = planOf(ns.map(id), bytes);
        expect(comparePruneWithPlan(plan, exactly(plan))).toEqual([]);
      }),
    );
  });

  it('names every previewed image the engine did not report, and the bytes it freed instead', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(10_000), { minLength: 1, maxLength: 30 }), fc.nat(), (ns, cut) => {
        const plan = planOf(ns.map(id), 1000);
        const kept = plan.images.slice(0, (cut % plan.images.length) + 1).map((i) => i.id);
        const report = { ...exactly(plan), deletedImageIds: plan.images.map((i) => i.id).filter((i) => !kept.includes(i)), spaceReclaimed: 400 };
        const differences = comparePruneWithPlan(plan, report);
        expect(differences.filter((d) => d.kind === 'previewed-kept').map((d) => d.subject).sort()).toEqual([...kept].sort());
        expect(differences.find((d) => d.kind === 'space')).toEqual({ kind: 'space', subject: '', previewedBytes: 1000, reportedBytes: 400 });
      }),
    );
  });

  it('says an image went from the list with its content kept, rather than that it was kept', () => {
    const plan = planOf([id(1), id(2)], 1000);
    const report = { ...exactly(plan), deletedImageIds: [id(1)], spaceReclaimed: 10, contentHeldIds: [id(2)] };
    expect(comparePruneWithPlan(plan, report)).toEqual([
      { kind: 'content-held', subject: id(2) },
      { kind: 'space', subject: '', previewedBytes: 1000, reportedBytes: 10 },
    ]);
  });
});
