import { describe, expect, it } from 'vitest';
import type { ConflictExplanation, RemovalOutcome, RemovalPlan } from '../../../shared/removal-types';
import { canForce, displayTarget, forceEffects, forceOutcome, narrowSelection, outcomeCounts, outcomeView, planIsEmpty } from './removal-view';

const conflict = (partial: Partial<ConflictExplanation>): ConflictExplanation => ({
  kind: 'other',
  target: 't',
  imageId: 'sha256:aaa',
  forceable: false,
  containers: [],
  children: [],
  tags: [],
  detail: '',
  ...partial,
});
const container = (name: string, state = 'exited') => ({ id: `${name}-id`, name, state, created: 1, imageId: 'sha256:aaa', image: 'x' });
const plan = (partial: Partial<RemovalPlan>): RemovalPlan => ({ command: 'docker rmi x', images: [], untagOnly: [], conflicts: [], totalBytes: 0, layers: [], accounting: 'layers', ...partial });

describe('narrowSelection', () => {
  const dangling = { kind: 'dangling' } as const;
  it('plans the user’s selection as it is while every target stays checked', () => {
    expect(narrowSelection(dangling, ['sha256:a', 'sha256:b'], new Set())).toBe(dangling);
    expect(narrowSelection(dangling, null, new Set(['sha256:a']))).toBe(dangling);
  });

  it('plans exactly the targets still checked once some are unchecked', () => {
    expect(narrowSelection(dangling, ['sha256:a', 'sha256:b', 'sha256:c'], new Set(['sha256:b']))).toEqual({ kind: 'refs', refs: ['sha256:a', 'sha256:c'] });
  });

  it('has nothing to plan when every target is unchecked', () => {
    expect(narrowSelection({ kind: 'repository', repository: 'r' }, ['r:1'], new Set(['r:1']))).toBeNull();
  });
});

describe('displayTarget', () => {
  it('shortens a full image ID like the CLI and leaves names alone', () => {
    expect(displayTarget(`sha256:${'ab'.repeat(32)}`)).toBe('abababababab');
    expect(displayTarget('fixture/busybox:1')).toBe('fixture/busybox:1');
    expect(displayTarget('ca071a5b7e38')).toBe('ca071a5b7e38');
  });
});

describe('plans', () => {
  it('is empty when nothing would be deleted or untagged, even with refusals', () => {
    expect(planIsEmpty(plan({ conflicts: [conflict({})] }))).toBe(true);
    expect(planIsEmpty(plan({ untagOnly: [{ ref: 'a:1', imageId: 'sha256:aaa', remainingTags: ['a:2'] }] }))).toBe(false);
  });

  it('offers force only when some refusal can be forced', () => {
    expect(canForce(plan({ conflicts: [conflict({ kind: 'child-images' })] }))).toBe(false);
    expect(canForce(plan({ conflicts: [conflict({ kind: 'child-images' }), conflict({ kind: 'stopped-container', forceable: true })] }))).toBe(true);
  });
});

describe('forceEffects', () => {
  it('says force removes every tag, or removes the image while named containers stay', () => {
    const effects = forceEffects([
      conflict({ kind: 'multiple-repositories', forceable: true, target: 'abc', tags: ['a:1', 'b:1'] }),
      conflict({ kind: 'container-using-reference', forceable: true, target: 'a:1', containers: [container('web')] }),
      conflict({ kind: 'stopped-container', forceable: true, target: 'abc', containers: [container('db'), container('job')] }),
    ]);
    expect(effects).toEqual([
      { kind: 'all-tags', target: 'abc', imageId: 'sha256:aaa', tags: ['a:1', 'b:1'] },
      { kind: 'container-keeps', target: 'a:1', imageId: 'sha256:aaa', containers: ['web'] },
      { kind: 'container-keeps', target: 'abc', imageId: 'sha256:aaa', containers: ['db', 'job'] },
    ]);
  });

  it('also names the stopped containers of an image refused for its several names', () => {
    const effects = forceEffects([conflict({ kind: 'multiple-repositories', forceable: true, target: 'abc', tags: ['a:1', 'b:1'], containers: [container('db')] })]);
    expect(effects).toEqual([
      { kind: 'all-tags', target: 'abc', imageId: 'sha256:aaa', tags: ['a:1', 'b:1'] },
      { kind: 'container-keeps', target: 'abc', imageId: 'sha256:aaa', containers: ['db'] },
    ]);
  });

  it('says only the name goes when the forced preview keeps the image (containerd: a stopped container holds it)', () => {
    const forced = plan({ untagOnly: [{ ref: 'a:1', imageId: 'sha256:aaa', remainingTags: [] }] });
    const effects = forceEffects([conflict({ kind: 'container-using-reference', forceable: true, target: 'a:1', containers: [container('web')] })], forced);
    expect(effects).toEqual([{ kind: 'name-only', target: 'a:1', imageId: 'sha256:aaa', containers: ['web'] }]);
  });

  it('promises nothing for refusals force cannot get past', () => {
    expect(forceEffects([conflict({ kind: 'running-container', containers: [container('web', 'running')] }), conflict({ kind: 'child-images' })])).toEqual([]);
  });
});


describe('outcomeView', () => {
  const base: RemovalOutcome = { target: 'a:1', ok: true, untagged: ['a:1'], deleted: [] };
  it('reads an untag that left the image with its other tags', () => {
    expect(outcomeView({ ...base, remainingTags: ['a:2'] })).toEqual({ kind: 'untagged', untagged: ['a:1'], remaining: ['a:2'] });
    expect(outcomeView(base)).toEqual({ kind: 'untagged', untagged: ['a:1'], remaining: [] });
  });
  it('reads a deletion, a refusal and a failure', () => {
    expect(outcomeView({ ...base, deleted: ['sha256:aaa'] })).toEqual({ kind: 'deleted', imageIds: ['sha256:aaa'], untagged: ['a:1'] });
    // The name's own image stayed (others are built on it): the parent that went is not where the name was.
    expect(outcomeView({ ...base, deleted: ['sha256:parent'], keptUntagged: ['sha256:named'] })).toEqual({ kind: 'kept', untagged: ['a:1'], kept: ['sha256:named'], parents: ['sha256:parent'] });
    const c = conflict({ kind: 'child-images' });
    expect(outcomeView({ ...base, ok: false, untagged: [], conflict: c })).toEqual({ kind: 'conflict', conflict: c });
    expect(outcomeView({ ...base, ok: false, untagged: [], error: { code: 'NOT_FOUND', message: 'gone' } })).toEqual({ kind: 'error', error: { code: 'NOT_FOUND', message: 'gone' } });
    expect(outcomeView({ ...base, ok: false, untagged: [] })).toMatchObject({ kind: 'error', error: { code: 'ENGINE_ERROR' } });
  });
  it('counts images once even when two targets name the same image', () => {
    const outcomes: RemovalOutcome[] = [
      { ...base, deleted: ['sha256:aaa', 'sha256:layer'] },
      { ...base, target: 'a:2', untagged: ['a:2'], deleted: ['sha256:aaa'] },
      { ...base, target: 'x', ok: false, untagged: [] },
    ];
    expect(outcomeCounts(outcomes)).toEqual({ ok: 2, failed: 1, deletedImages: 2, untagged: 2 });
  });
});

describe('what force does past a container refusal', () => {
  const conflict = (target: string, state: string): ConflictExplanation => ({
    kind: 'container-using-reference',
    target,
    imageId: 'sha256:' + 'a'.repeat(64),
    forceable: true,
    containers: [{ id: 'c1', name: 'web', state, created: 0, imageId: 'sha256:' + 'a'.repeat(64), image: target }],
    children: [],
    tags: [],
    detail: '',
  });

  it('removes only the name on the containerd store, whatever the container does', () => {
    expect(forceOutcome(conflict('app:1', 'exited'), 'containerd')).toBe('name-only');
    expect(forceOutcome(conflict('app:1', 'running'), 'containerd')).toBe('name-only');
  });

  it('on the legacy store removes only the name while the container runs, the image once it is stopped', () => {
    expect(forceOutcome(conflict('app:1', 'running'), 'legacy')).toBe('name-only');
    expect(forceOutcome(conflict('app:1', 'exited'), 'legacy')).toBe('image-goes');
  });

  it('removes the image when it was named by ID', () => {
    expect(forceOutcome(conflict('sha256:' + 'a'.repeat(64), 'exited'), 'containerd')).toBe('image-goes');
    expect(forceOutcome(conflict('aaaaaaaaaaaa', 'exited'), 'legacy')).toBe('image-goes');
  });

  it('does nothing where force cannot help', () => {
    expect(forceOutcome({ ...conflict('app:1', 'running'), forceable: false }, 'legacy')).toBe('none');
  });
});
