import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { patchSummaries } from './image-patch';
import { toImageRows } from './image-rows';
import type { ImageSummary } from './image-types';

/** A legacy engine in miniature: images with parents and names, and what `docker images` shows. */
interface Engine {
  images: Map<string, { parentId: string; repoTags: string[] }>;
}
const idOf = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;
const summary = (id: string, parentId: string, repoTags: string[]): ImageSummary => ({ id, parentId, repoTags, repoDigests: [], created: 1, size: 1, labels: {}, containers: -1 });

function listOf(engine: Engine, all = false): ImageSummary[] {
  const parents = new Set([...engine.images.values()].map((i) => i.parentId));
  // Without -a the engine hides untagged images that have children (intermediate build steps).
  return [...engine.images].filter(([id, i]) => all || i.repoTags.length > 0 || !parents.has(id)).map(([id, i]) => summary(id, i.parentId, [...i.repoTags]));
}

const NAMES = ['app:1', 'app:2', 'lib:latest', 'x/y:z'];
type Op =
  | { kind: 'tag'; image: number; name: number }
  | { kind: 'untag'; image: number; name: number }
  | { kind: 'delete'; image: number; prune: boolean }
  | { kind: 'add'; parent: number; name: number }
  | { kind: 'build'; parent: number; name: number }
  | { kind: 'unlink'; image: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('tag' as const), image: fc.nat(), name: fc.nat() }),
  fc.record({ kind: fc.constant('untag' as const), image: fc.nat(), name: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), image: fc.nat(), prune: fc.boolean() }),
  fc.record({ kind: fc.constant('add' as const), parent: fc.nat(), name: fc.nat() }),
  fc.record({ kind: fc.constant('build' as const), parent: fc.nat(), name: fc.nat() }),
  fc.record({ kind: fc.constant('unlink' as const), image: fc.nat() }),
);

/**
 * Applies one operation as the engine would; returns the references its events name. `linksPerName`:
 * the containerd store's way, where an image can lose its parent link while it keeps its ID.
 */
function apply(engine: Engine, o: Op, nextId: () => string, linksPerName: boolean): string[] {
  const ids = [...engine.images.keys()];
  if (ids.length === 0 && o.kind !== 'add') return [];
  const at = (n: number) => ids[n % ids.length]!;
  const name = NAMES[(o.kind === 'delete' || o.kind === 'unlink' ? 0 : o.name) % NAMES.length]!;
  switch (o.kind) {
    case 'tag': {
      const id = at(o.image);
      for (const i of engine.images.values()) i.repoTags = i.repoTags.filter((t) => t !== name);
      engine.images.get(id)!.repoTags.push(name);
      return [id];
    }
    case 'untag': {
      const id = at(o.image);
      const image = engine.images.get(id)!;
      if (!image.repoTags.includes(name)) return [];
      image.repoTags = image.repoTags.filter((t) => t !== name);
      return [id];
    }
    case 'delete': {
      const id = at(o.image);
      const hasChildren = (of: string) => [...engine.images.values()].some((i) => i.parentId === of);
      if (hasChildren(id)) return [];
      // Like `docker rmi` (without --no-prune), it takes along the untagged parents left without
      // children, and the engine announces each.
      const deleted = [id];
      let parent = engine.images.get(id)!.parentId;
      engine.images.delete(id);
      while (o.prune && engine.images.get(parent)?.repoTags.length === 0 && !hasChildren(parent)) {
        deleted.push(parent);
        const next = engine.images.get(parent)!.parentId;
        engine.images.delete(parent);
        parent = next;
      }
      return deleted;
    }
    case 'add': {
      const id = nextId();
      for (const i of engine.images.values()) i.repoTags = i.repoTags.filter((t) => t !== name);
      engine.images.set(id, { parentId: ids.length > 0 && o.parent % 3 !== 0 ? at(o.parent) : '', repoTags: [name] });
      return [id];
    }
    case 'build': {
      // An intermediate step the engine never announces, then the tagged last step it does.
      const step = nextId();
      engine.images.set(step, { parentId: ids.length > 0 && o.parent % 3 !== 0 ? at(o.parent) : '', repoTags: [] });
      const id = nextId();
      for (const i of engine.images.values()) i.repoTags = i.repoTags.filter((t) => t !== name);
      engine.images.set(id, { parentId: step, repoTags: [name] });
      return [id];
    }
    case 'unlink': {
      // The name that held the link removed, with a name loaded from `docker save` left (a load
      // writes no link): the untag names the image, never its parent, which may show now.
      const image = engine.images.get(at(o.image))!;
      if (!linksPerName || image.parentId === '' || image.repoTags.length === 0) return [];
      image.parentId = '';
      return [at(o.image)];
    }
  }
}

const rowsOf = (list: readonly ImageSummary[]) =>
  toImageRows(list, 'legacy')
    .map((r) => JSON.stringify(r))
    .sort();

describe('patching the list from the images engine events name', () => {
  it('gives the list a fresh `docker images` (or `-a`) would, or says it cannot (never a wrong list), builds with unannounced steps included', () => {
    let patchedTotal = 0;
    let changes = 0;
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 30 }), fc.boolean(), fc.boolean(), (ops, all, linksPerName) => {
        let n = 0;
        const engine: Engine = { images: new Map() };
        let shown = listOf(engine, all);
        let patched = 0;
        for (const o of ops) {
          const refs = apply(engine, o, () => idOf(++n), linksPerName);
          if (refs.length === 0) continue;
          changes++;
          const found = refs.filter((id) => engine.images.has(id)).map((id) => summary(id, engine.images.get(id)!.parentId, [...engine.images.get(id)!.repoTags]));
          const gone = refs.filter((id) => !engine.images.has(id));
          // Such an engine's answer says which untagged images `docker images` shows (see ImageSummaries).
          const dangling = linksPerName ? listOf(engine).filter((s) => s.repoTags.length === 0).map((s) => s.id) : undefined;
          const next = patchSummaries(shown, { found, gone, exact: true, dangling }, 'legacy');
          if (next) {
            patched++;
            expect(rowsOf(next)).toEqual(rowsOf(listOf(engine, all)));
          }
          shown = listOf(engine, all);
        }
        patchedTotal += patched;
      }),
      { numRuns: 2000 },
    );
    // It must actually patch most of the time, not decline its way to a pass.
    expect(patchedTotal / changes).toBeGreaterThan(0.5);
  });

  it('patches the everyday changes: a new tag, a tag taken off an image that keeps another, a new named image, a tagged image deleted (with its build steps)', () => {
    const a = summary(idOf(1), '', ['app:1', 'app:2']);
    const b = summary(idOf(2), '', ['lib:latest']);
    const both = [a, b];
    expect(patchSummaries(both, { found: [{ ...a, repoTags: ['app:1', 'app:2', 'app:3'] }], gone: [], exact: true }, 'legacy')?.[0]?.repoTags).toEqual(['app:1', 'app:2', 'app:3']);
    expect(patchSummaries(both, { found: [{ ...a, repoTags: ['app:1'] }], gone: [], exact: true }, 'legacy')?.[0]?.repoTags).toEqual(['app:1']);
    expect(patchSummaries(both, { found: [summary(idOf(3), '', ['new:1'])], gone: [], exact: true }, 'legacy')).toHaveLength(3);
    expect(patchSummaries(both, { found: [], gone: [idOf(2)], exact: true }, 'legacy')).toEqual([a]);
    // A name that moves leaves the image that had it, though the engine announces only the new holder.
    expect(patchSummaries(both, { found: [{ ...b, repoTags: ['lib:latest', 'app:2'] }], gone: [], exact: true }, 'legacy')?.[0]?.repoTags).toEqual(['app:1']);
    // `docker rmi` of a built image takes its untagged build step along, and announces both.
    const step = summary(idOf(3), a.id, []);
    const built = summary(idOf(4), step.id, ['built:1']);
    const removed = { found: [], gone: [built.id, step.id], exact: true };
    expect(patchSummaries([a, built], removed, 'legacy')).toEqual([a]);
    expect(patchSummaries([a, step, built], removed, 'legacy')).toEqual([a]);
    // `docker save`, `rmi`, `load` of its one name does the same, and the image comes back without
    // its parent link on the containerd store: with -a the list showed the step, and it goes.
    const reloaded = { found: [{ ...built, parentId: '' }], gone: [step.id], exact: true, dangling: [] };
    expect(patchSummaries([a, step, built], reloaded, 'containerd')).toEqual([a, { ...built, parentId: '' }]);
  });

  it('declines, on the containerd store, when a name taken off an image shows an untagged parent it hid, which no event names', () => {
    // Seen on Docker 26.1's containerd store, where the parent link belongs to each name of an image:
    // a two-step build gives X the name app:1 over its untagged first step P, `docker tag X app:2`
    // copies the link, and `docker save`, `docker rmi`, `docker load` of app:1 leave app:1 without it.
    const p = summary(idOf(1), idOf(9), []);
    const x = summary(idOf(2), p.id, ['app:1', 'app:2']);
    const rows = (list: readonly ImageSummary[]) => toImageRows(list, 'containerd').map((r) => r.key).sort();
    // `docker rmi app:2` then takes the last link: the engine announces X alone (untag), listed with
    // no parent now, and `docker images` shows P, dangling.
    const xUnlinked = { ...x, parentId: '', repoTags: ['app:1'] };
    const untagged = { found: [xUnlinked], gone: [], exact: true, dangling: [p.id] };
    expect(patchSummaries([x], untagged, 'containerd')).toBeNull();
    // The list reports the link of one name only (the last): with app:2 loaded instead, X lists no
    // parent while app:1 still holds P, and `docker rmi -f X` shows P, announcing X alone (deleted).
    const xListedUnlinked = { ...x, parentId: '' };
    const removed = { found: [], gone: [x.id], exact: true, dangling: [p.id] };
    expect(patchSummaries([xListedUnlinked], removed, 'containerd')).toBeNull();
    // With -a the list showed P all along, and both patches are exact.
    expect(rows(patchSummaries([p, x], untagged, 'containerd') ?? [])).toEqual(rows([p, xUnlinked]));
    expect(rows(patchSummaries([p, xListedUnlinked], removed, 'containerd') ?? [])).toEqual(rows([p]));
  });

  it('patches an untagged image on the containerd store when the engine says the list shows it (an import), and declines one it hides', () => {
    const a = summary(idOf(1), '', ['app:1']);
    const imported = summary(idOf(2), '', []);
    expect(patchSummaries([a], { found: [imported], gone: [], exact: true, dangling: [imported.id] }, 'containerd')).toEqual([a, imported]);
    // A build step some name links to: the list shows it only with -a.
    const step = summary(idOf(3), '', []);
    expect(patchSummaries([a], { found: [step], gone: [], exact: true, dangling: [] }, 'containerd')).toBeNull();
  });

  it('declines what it cannot tell exactly: an image left nameless, an inexact answer, a moved name on the containerd store', () => {
    const a = summary(idOf(1), '', ['app:1']);
    const b = summary(idOf(2), '', ['lib:latest']);
    expect(patchSummaries([a, b], { found: [{ ...a, repoTags: [] }], gone: [], exact: true }, 'legacy')).toBeNull();
    expect(patchSummaries([a, b], { found: [{ ...b, repoTags: ['lib:latest', 'app:1'] }], gone: [], exact: true }, 'legacy')).toBeNull();
    expect(patchSummaries([a, b], { found: [a], gone: [], exact: false }, 'legacy')).toBeNull();
    expect(patchSummaries([a, b], { found: [summary(idOf(3), '', ['lib:latest'])], gone: [], exact: true }, 'containerd')).toBeNull();
    expect(patchSummaries([a, b], { found: [], gone: ['app:1'], exact: true }, 'legacy')).toBeNull();
  });
});
