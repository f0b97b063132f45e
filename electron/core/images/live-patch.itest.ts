import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../scripts/test-env/fixture-names.mjs';
import { seededRandom } from '../../../scripts/test-env/seeded-random.mjs';
import type { EngineChange } from '../../../shared/engine-types';
import { patchSummaries } from '../../../shared/image-patch';
import { toImageRows } from '../../../shared/image-rows';
import type { ImageSummaries, ImageSummary } from '../../../shared/image-types';
import type { Backend } from '../backend';
import { backendFor, connected, dockerCli, removeImagesDeep, valueOf } from '../test-support/backend-harness';
import { buildImage } from '../test-support/build-image';
import { forEachEngine } from '../test-support/engine-suite';

const ROUNDS = Number(process.env.STEVEDORE_PATCH_ROUNDS ?? 24);
const SEED = Number(process.env.STEVEDORE_PATCH_SEED ?? Date.now() % 1_000_000);

/** What a window does with engine notices: re-read the named images and patch, or list everything. */
class Window {
  summaries: ImageSummary[] = [];
  patched = 0;
  listed = 0;
  private queue: Promise<void> = Promise.resolve();
  private lastChange = Date.now();
  private stop: () => void;

  constructor(
    private readonly backend: Backend,
    private readonly store: 'legacy' | 'containerd',
    /** `docker images -a`: builds' intermediate steps are listed too. */
    readonly all = false,
  ) {
    this.stop = backend.subscribe((name, payload) => {
      if (name !== 'engine.changed') return;
      const change = payload as EngineChange;
      if (!change.kinds.includes('images')) return;
      this.lastChange = Date.now();
      this.queue = this.queue.then(() => this.apply(change));
    });
  }

  async list(): Promise<void> {
    this.summaries = valueOf<ImageSummary[]>(await this.backend.call('images.list', { all: this.all }));
  }

  private async apply(change: EngineChange): Promise<void> {
    if (change.imageRefs === null || change.resync) {
      this.listed++;
      return this.list();
    }
    if (change.imageRefs.length === 0) return;
    const answer = valueOf<ImageSummaries>(await this.backend.call('images.summaries', { refs: change.imageRefs }));
    const next = patchSummaries(this.summaries, answer, this.store);
    if (next) {
      this.patched++;
      this.summaries = next;
    } else {
      this.listed++;
      await this.list();
    }
  }

  /** Until no notice has come for a while since `since` (the command's end) and every one is handled. */
  async settled(since: number, quietMs = 400): Promise<void> {
    for (;;) {
      await this.queue;
      const quiet = Date.now() - Math.max(this.lastChange, since);
      if (quiet >= quietMs) return;
      await new Promise((r) => setTimeout(r, quietMs - quiet));
    }
  }

  dispose(): void {
    this.stop();
  }
}

const rowsOf = (summaries: readonly ImageSummary[], store: 'legacy' | 'containerd') =>
  toImageRows(summaries, store)
    .map((r) => JSON.stringify(r))
    .sort();

forEachEngine((engine) => {
  let backend: Backend;
  let window: Window;
  let windowAll: Window;
  const repo = `patch-${SEED}`;
  const tmp = mkdtempSync('/tmp/sd-patch-');
  beforeAll(async () => {
    backend = backendFor(engine);
    await connected(backend);
    await new Promise((r) => setTimeout(r, 300));
    window = new Window(backend, engine.name);
    windowAll = new Window(backend, engine.name, true);
    await window.list();
    await windowAll.list();
  });
  afterAll(() => {
    window.dispose();
    windowAll.dispose();
    backend.dispose();
    // Every image this test made carries its seed label, named or not (moved names leave nameless ones).
    const ids = dockerCli(engine, 'images', '-a', '-q', '--filter', `label=seed=${SEED}`).split('\n').filter(Boolean);
    removeImagesDeep(engine, ids);
    rmSync(tmp, { recursive: true, force: true });
  });

  /** Both windows, once the notices a command ended at `since` set off are handled, match a fresh list. */
  async function expectFresh(since: number, after: string): Promise<void> {
    for (const w of [window, windowAll]) {
      await w.settled(since);
      const fresh = valueOf<ImageSummary[]>(await backend.call('images.list', { all: w.all }));
      const patched = rowsOf(w.summaries, engine.name);
      const listed = rowsOf(fresh, engine.name);
      const differs = { onlyPatched: patched.filter((r) => !listed.includes(r)), onlyListed: listed.filter((r) => !patched.includes(r)) };
      expect(differs, `${w.all ? 'with -a, ' : ''}after: ${after}`).toEqual({ onlyPatched: [], onlyListed: [] });
    }
  }

  describe('the list patched from engine events', () => {
    it(`stays equal to a fresh list, with and without -a, through ${ROUNDS} random tags, untags, removals, builds, saves and loads (seed ${SEED})`, async () => {
      const random = seededRandom(SEED);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
      // The same seed must make the same moves: `docker images` orders by creation time in whole
      // seconds (ties in any order) and IDs change from run to run (they hash the creation time), so
      // names are sorted and each image is placed by its first name, which the seed alone decides.
      const named = () => {
        const lines = dockerCli(engine, 'images', '--no-trunc', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}', `${repo}/*`).split('\n');
        const byName = lines.map((l) => l.split(' ') as [string, string]).filter(([id, name]) => id && name && !name.includes('<none>'));
        return byName.sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0));
      };
      const names = () => named().map(([, name]) => name);
      const ids = () => [...new Set(named().map(([id]) => id))];
      const pool = ['a:1', 'a:2', 'b:1', 'b:latest', 'c:x'].map((n) => `${repo}/${n}`);
      const done: string[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const roll = random();
        const have = names();
        if (roll < 0.2 || have.length === 0) {
          const name = pick(pool);
          // Every other build has two steps, so it leaves an intermediate image the engine does not announce.
          const steps = random() < 0.5 ? [`LABEL seed="${SEED}" round="${round}"`] : [`LABEL seed="${SEED}"`, `LABEL round="${round}"`];
          buildImage(engine, name, [`FROM ${FIXTURES.base}`, ...steps]);
          done.push(`build ${name}`);
        } else if (roll < 0.5) {
          const source = pick(ids());
          const name = pick(pool);
          dockerCli(engine, 'tag', source, name);
          done.push(`tag ${source.slice(7, 15)} ${name}`);
        } else if (roll < 0.75) {
          const name = pick(have);
          dockerCli(engine, 'rmi', name);
          done.push(`rmi ${name}`);
        } else if (roll < 0.9) {
          const name = pick(have);
          const file = join(tmp, `r${round}.tar`);
          dockerCli(engine, 'save', '-o', file, name);
          dockerCli(engine, 'rmi', name);
          dockerCli(engine, 'load', '-q', '-i', file);
          done.push(`save, rmi, load ${name}`);
        } else {
          const id = pick(ids());
          dockerCli(engine, 'rmi', '-f', id);
          done.push(`rmi -f ${id.slice(7, 15)}`);
        }
        await expectFresh(Date.now(), `${done.slice(-4).join('; ')} (round ${round}, seed ${SEED})`);
      }
      // How many rounds patch depends on the seed (a two-step build or a moved name on the containerd
      // store lists everything, by design): everyday moves are held to patching below.
      for (const w of [window, windowAll]) expect(w.patched, `${w.all ? '-a: ' : ''}patched ${w.patched}, listed ${w.listed}`).toBeGreaterThan(0);
    }, 300_000);

    it('patches everyday moves without listing everything: a one-step build, a new name, an untag, a reload, a removal', async () => {
      const everyday = `patch-${SEED}-everyday`;
      const file = join(tmp, 'everyday.tar');
      const moves: [string, () => void][] = [
        ['a one-step build on a named base', () => void buildImage(engine, `${everyday}/app:1`, [`FROM ${FIXTURES.base}`, `LABEL seed="${SEED}" everyday="app"`])],
        ['a second name', () => void dockerCli(engine, 'tag', `${everyday}/app:1`, `${everyday}/app:2`)],
        ['one of two names taken off', () => void dockerCli(engine, 'rmi', `${everyday}/app:2`)],
        [
          'save, rmi, load',
          () => {
            dockerCli(engine, 'save', '-o', file, `${everyday}/app:1`);
            dockerCli(engine, 'rmi', `${everyday}/app:1`);
            dockerCli(engine, 'load', '-q', '-i', file);
          },
        ],
        ['the image removed', () => void dockerCli(engine, 'rmi', `${everyday}/app:1`)],
      ];
      for (const [what, move] of moves) {
        const listedBefore = [window.listed, windowAll.listed];
        const patchedBefore = [window.patched, windowAll.patched];
        move();
        await expectFresh(Date.now(), what);
        expect([window.listed, windowAll.listed], `${what}: listed everything`).toEqual(listedBefore);
        expect(window.patched > patchedBefore[0]! && windowAll.patched > patchedBefore[1]!, `${what}: patched`).toBe(true);
      }
    }, 120_000);

    it('shows the untagged build step that a removed name uncovers, though no event names it', async () => {
      // The containerd store keeps a parent link per name (a loaded name has none) and the list reports
      // the link of one name only: each sequence below once left the uncovered step out of the list.
      const uncover = `patch-${SEED}-uncover`;
      const steps = (name: string) => [`FROM ${FIXTURES.base}`, `LABEL seed="${SEED}" uncover="${name}"`, `LABEL step="2"`];
      const run = async (what: string, ...commands: string[][]) => {
        for (const command of commands) dockerCli(engine, ...command);
        await expectFresh(Date.now(), what);
      };
      const reload = (name: string) => {
        const file = join(tmp, 'uncover.tar');
        return [['save', '-o', file, name], ['rmi', name], ['load', '-q', '-i', file]];
      };

      // The last name holding the link untagged: the engine announces the image, now without a parent.
      buildImage(engine, `${uncover}/x:1`, steps('x'));
      await run('tag x:2 (link copied), reload x:1 (link lost)', ['tag', `${uncover}/x:1`, `${uncover}/x:2`], ...reload(`${uncover}/x:1`));
      await run('rmi x:2', ['rmi', `${uncover}/x:2`]);

      // A link the list does not report taken by a removal: the engine announces the image, deleted.
      buildImage(engine, `${uncover}/y:1`, steps('y'));
      await run('tag y:2 (link copied), reload y:2 (the name the list reads the link from)', ['tag', `${uncover}/y:1`, `${uncover}/y:2`], ...reload(`${uncover}/y:2`));
      await run('rmi -f of the image', ['rmi', '-f', dockerCli(engine, 'images', '-q', '--no-trunc', `${uncover}/y:1`)]);
    }, 120_000);
  });
});
