import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DeletedImage } from '../../../shared/removal-types';
import { groupPlanImages, tagsByRepository } from './plan-groups';

const image = (id: string, prunedWith?: string): DeletedImage => ({ id, tags: [], size: 1, freedBytes: 0, created: 0, ...(prunedWith ? { prunedWith } : {}) });

describe('grouping a preview by the image each parent goes with', () => {
  it('folds untagged parents under the named image that takes them along', () => {
    const groups = groupPlanImages([image('a'), image('p1', 'a'), image('p2', 'a'), image('b')]);
    expect(groups.map((g) => [g.image.id, g.parents.map((p) => p.id)])).toEqual([
      ['a', ['p1', 'p2']],
      ['b', []],
    ]);
  });

  it('keeps a parent on its own line when the image it goes with stays', () => {
    const groups = groupPlanImages([image('p1', 'kept'), image('b')]);
    expect(groups.map((g) => g.image.id)).toEqual(['p1', 'b']);
  });

  it('shows every image exactly once, whatever the layout', () => {
    const ids = fc.uniqueArray(fc.stringMatching(/^[a-f]{1,3}$/), { minLength: 0, maxLength: 30 });
    fc.assert(
      fc.property(ids, fc.array(fc.nat()), (list, picks) => {
        const images = list.map((id, i) => {
          const pick = picks[i];
          return image(id, pick !== undefined && pick % 3 === 0 ? (list[pick % list.length] ?? 'none') : undefined);
        });
        const shown = groupPlanImages(images).flatMap((g) => [g.image, ...g.parents].map((x) => x.id));
        expect(shown.sort()).toEqual(list.slice().sort());
      }),
    );
  });
});

describe('an image’s names gathered per repository', () => {
  it('reads as one repository with its tags, a registry port not taken for a tag', () => {
    expect(tagsByRepository(['a/b:1', 'a/b:latest', 'registry.example.com:5000/x/y:2', 'c:1'])).toEqual([
      { repository: 'a/b', tags: ['1', 'latest'] },
      { repository: 'registry.example.com:5000/x/y', tags: ['2'] },
      { repository: 'c', tags: ['1'] },
    ]);
  });

  it('keeps every tag, whatever the names', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.stringMatching(/^[a-z0-9.:/-]{1,20}$/), fc.stringMatching(/^[a-z0-9._-]{1,8}$/))), (pairs) => {
        const refs = pairs.filter(([repo]) => !repo.endsWith(':') && !/:[^/]*$/.test(repo)).map(([repo, tag]) => `${repo}:${tag}`);
        const back = tagsByRepository(refs).flatMap((g) => g.tags.map((t) => `${g.repository}:${t}`));
        expect(back.sort()).toEqual([...refs].sort());
      }),
    );
  });
});
