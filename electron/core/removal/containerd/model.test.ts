import { describe, expect, it } from 'vitest';
import { ContainerdModel, type CdContainer, type CdImageFacts } from './model';
import type { CdRecord } from './names';

/** base ← mid (dangling, a build step) ← app:1, and used:1 on base with a stopped container. */
const id = (n: string) => `sha256:${n.repeat(64).slice(0, 64)}`;
const BASE = id('b');
const MID = id('d');
const APP = id('a');
const USED = id('e');
const rec = (name: string, target: string, parent = ''): CdRecord => ({ name, target, parent });
const facts = (target: string, blobs: [string, number][]): CdImageFacts => ({ id: target, created: 1, labels: {}, size: 0, contentSize: 0, blobs: blobs.map(([digest, size]) => ({ digest, size })) });

function model(extra: CdRecord[] = [], containers: CdContainer[] = []): ContainerdModel {
  return new ContainerdModel(
    [rec('docker.io/library/base:1', BASE), rec(`moby-dangling@${MID}`, MID, BASE), rec('docker.io/library/app:1', APP, MID), rec('docker.io/library/used:1', USED, BASE), ...extra],
    new Map([
      [BASE, facts(BASE, [[BASE, 10], ['layer-b', 1000]])],
      [MID, facts(MID, [[MID, 10], ['layer-b', 1000], ['layer-m', 200]])],
      [APP, facts(APP, [[APP, 10], ['layer-b', 1000], ['layer-m', 200], ['layer-a', 30]])],
      [USED, facts(USED, [[USED, 10], ['layer-b', 1000], ['layer-u', 5]])],
    ]),
    containers,
  );
}
const stopped: CdContainer = { id: 'f'.repeat(64), name: 'job', state: 'exited', created: 1, imageId: USED, image: 'used:1', configImage: 'used:1' };

describe('Docker 26’s delete rules on the containerd store', () => {
  it('removes an image by name with its dangling parents, and frees only blobs no remaining image reaches', () => {
    const result = model().deleteImage('app:1', false);
    expect(result).toEqual({
      ok: true,
      records: [{ untagged: 'app:1' }, { deleted: APP }, { deleted: MID }, { freed: APP, size: 10 }, { freed: 'layer-m', size: 200 }, { freed: 'layer-a', size: 30 }, { freed: MID, size: 10 }],
    });
  });

  it('does not refuse an image other images are built on: by ID it goes, by name it stays untagged', () => {
    expect(model().deleteImage(BASE.slice(7, 19), false)).toMatchObject({ ok: true, records: expect.arrayContaining([{ deleted: BASE }]) });
    const byName = model();
    expect(byName.deleteImage('base:1', false)).toEqual({ ok: true, records: [{ untagged: 'base:1' }, { keptUntagged: BASE }] });
    expect(byName.images.get(BASE)?.refs).toEqual([]);
  });

  it('prunes no parent at all when a link of the parent chain is missing, as the engine errors out there', () => {
    const m = model();
    expect(m.deleteImage(MID, true)).toMatchObject({ ok: true });
    // The build step's layer goes with app now; no parent is pruned, none is left to prune.
    expect(m.deleteImage('app:1', false)).toEqual({ ok: true, records: [{ untagged: 'app:1' }, { deleted: APP }, { freed: APP, size: 10 }, { freed: 'layer-m', size: 200 }, { freed: 'layer-a', size: 30 }] });
  });

  it('prunes no parent when the chain has a missing link above a dangling parent', () => {
    const m = model([rec('docker.io/library/app2:1', id('c'), MID)]);
    m.deleteImage(BASE, true);
    expect(m.deleteImage('app2:1', false)).toMatchObject({ ok: true, records: [{ untagged: 'app2:1' }, { deleted: id('c') }] });
    expect(m.images.has(MID)).toBe(true);
  });

  it('forcing the last name off an image a stopped container uses only untags it', () => {
    const m = model([], [stopped]);
    expect(m.deleteImage('used:1', false)).toMatchObject({ ok: false, conflict: { kind: 'container-using-reference' } });
    expect(m.deleteImage('used:1', true)).toEqual({ ok: true, records: [{ untagged: 'used:1' }] });
    expect(m.images.has(USED)).toBe(true);
  });

  it('removing repo@digest takes every name of that repository, and the image when no other repository has it', () => {
    const m = model([rec('docker.io/library/app:2', APP, MID), rec('docker.io/other/app:1', APP, MID)]);
    expect(m.deleteImage(`app@${APP}`, false)).toEqual({ ok: true, records: [{ untagged: 'app:1' }, { untagged: 'app:2' }] });
    expect(m.images.get(APP)?.refs.map((r) => r.text)).toEqual(['other/app:1']);
  });
});
