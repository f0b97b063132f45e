import { describe, expect, it } from 'vitest';
import { toModelRef, type ModelImage } from '../image-graph';
import { EngineModel } from './engine-model';
import { simulatePrune } from './prune-model';

/** base ← mid (untagged, legacy-builder intermediate) ← app:1; a container keeps used:1. */
function model(): EngineModel {
  const image = (id: string, parent: string, refs: string[], topChain: string | null, labels: Record<string, string> = {}): ModelImage => ({
    id,
    parent,
    refs: refs.map(toModelRef),
    created: 1_000_000,
    size: 0,
    labels,
    topChain,
  });
  return new EngineModel(
    [
      image('sha256:base', '', ['base:1'], 'L1'),
      image('sha256:mid', 'sha256:base', [], 'L2'),
      image('sha256:app', 'sha256:mid', ['app:1'], 'L3', { env: 'dev' }),
      image('sha256:used', 'sha256:base', ['used:1', 'used:2'], 'L4', { env: 'dev' }),
      image('sha256:dangling', 'sha256:base', [], 'L1'),
    ],
    [
      { chainId: 'L1', parent: null, size: 100 },
      { chainId: 'L2', parent: 'L1', size: 20 },
      { chainId: 'L3', parent: 'L2', size: 3 },
      { chainId: 'L4', parent: 'L1', size: 7 },
    ],
    [{ id: 'c1', name: 'web', imageId: 'sha256:used', state: 'exited', created: 1, image: 'used:1' }],
  );
}

describe('simulatePrune, the engine’s prune rules on a copy', () => {
  it('dangling only: a dangling image sharing its only layer with a kept image frees nothing', () => {
    const plan = simulatePrune(model(), { danglingOnly: true, until: null, labels: [] }, 'docker image prune');
    expect(plan.images.map((i) => i.id)).toEqual(['sha256:dangling']);
    expect(plan.totalBytes).toBe(0);
  });

  it('credits an untagged parent pruned along with an image to that image, and says so', () => {
    const plan = simulatePrune(model(), { danglingOnly: false, until: null, labels: [{ negate: false, key: 'env', value: 'dev' }] }, 'x');
    const app = plan.images.find((i) => i.id === 'sha256:app');
    const mid = plan.images.find((i) => i.id === 'sha256:mid');
    expect(app).toMatchObject({ tags: ['app:1'], freedBytes: 23 });
    expect(mid).toMatchObject({ prunedWith: 'sha256:app', freedBytes: 0 });
    expect(plan.totalBytes).toBe(23);
  });

  it('untags all but the last name of an image a container holds, and says which names remain', () => {
    const plan = simulatePrune(model(), { danglingOnly: false, until: null, labels: [{ negate: false, key: 'env', value: 'dev' }] }, 'x');
    expect(plan.images.some((i) => i.id === 'sha256:used')).toBe(false);
    expect(plan.untagOnly).toEqual([{ ref: 'used:1', imageId: 'sha256:used', remainingTags: ['used:2'] }]);
  });

  it('a container’s image keeps the name that sorts last by full name: here the tag, not the registry digest', () => {
    const digest = `127.0.0.1:5000/used@sha256:${'d'.repeat(64)}`;
    const m = model();
    m.images.get('sha256:used')!.refs = [toModelRef('used:1'), toModelRef(digest)];
    const plan = simulatePrune(m, { danglingOnly: false, until: null, labels: [{ negate: false, key: 'env', value: 'dev' }] }, 'x');
    // docker.io/library/used:1 sorts after 127.0.0.1:5000/…: the digest goes first, the tag stays.
    expect(plan.untagOnly).toEqual([{ ref: digest, imageId: 'sha256:used', remainingTags: ['used:1'] }]);
  });

  it('leaves the model it was given untouched', () => {
    const before = model();
    simulatePrune(before, { danglingOnly: false, until: null, labels: [] }, 'x');
    expect(before.images.size).toBe(5);
  });
});
