import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../scripts/test-env/fixture-names.mjs';
import type { ImageDetails } from '../../../shared/image-types';
import type { RemovalPlan, RemovalReport } from '../../../shared/removal-types';
import type { Backend } from '../backend';
import { backendFor, connected, dockerCli, nextEvent, removeContainers, valueOf } from '../test-support/backend-harness';
import { buildImage } from '../test-support/build-image';
import { forEachEngine, restoreFixtures } from '../test-support/engine-suite';
import { testEnv } from '../test-support/test-env';

const CONTAINERS = ['rm-running', 'rm-stopped', 'rm-both', 'rm-last', 'rm-temp'];

/** What the preview said goes equals what went: images, names, refusals. */
function expectAsPreviewed(preview: RemovalPlan, { outcomes, freed }: RemovalReport): void {
  const previewedIds = new Set(preview.images.map((i) => i.id));
  const previewedNames = new Set([...preview.images.flatMap((i) => i.tags), ...preview.untagOnly.map((u) => u.ref)]);
  expect(new Set(outcomes.flatMap((o) => o.deleted)), JSON.stringify({ preview: [...previewedIds], outcomes })).toEqual(previewedIds);
  expect(new Set(outcomes.flatMap((o) => o.untagged)), JSON.stringify({ preview: [...previewedNames], outcomes })).toEqual(previewedNames);
  expect(new Set(outcomes.filter((o) => o.conflict).map((o) => o.target))).toEqual(new Set(preview.conflicts.map((c) => c.target)));
  // What the engine reports freed (legacy) or what its store no longer holds (containerd) is what the preview said.
  expect(freed, 'a removal reports what it freed').not.toBeNull();
  expect(freed!.bytes).toBeGreaterThanOrEqual(preview.uncertainty?.minBytes ?? preview.totalBytes);
  expect(freed!.bytes).toBeLessThanOrEqual(preview.uncertainty?.maxBytes ?? preview.totalBytes);
}

forEachEngine((engine) => {
  let backend: Backend;
  const cleanContainers = () => removeContainers(engine, ...CONTAINERS);
  beforeAll(async () => {
    cleanContainers();
    backend = backendFor(engine);
    await connected(backend);
  });
  afterAll(async () => {
    cleanContainers();
    backend.dispose();
    await restoreFixtures(engine);
  });

  const from = `FROM ${FIXTURES.base}`;
  const removeReport = async (targets: string[], force = false) => valueOf<RemovalReport>(await backend.call('images.remove', { targets, force }));
  const remove = async (targets: string[], force = false) => (await removeReport(targets, force)).outcomes;
  const plan = async (selection: unknown, force = false) => valueOf<RemovalPlan & { targets: string[] }>(await backend.call('images.removalPlan', { selection, force }));
  /** Preview, then the real thing, and hold one to the other. */
  const removeAsPreviewed = async (targets: string[], force = false) => {
    const preview = await plan({ kind: 'refs', refs: targets }, force);
    const report = await removeReport(targets, force);
    expectAsPreviewed(preview, report);
    return { preview, outcomes: report.outcomes, freed: report.freed };
  };
  const exists = (ref: string) => {
    try {
      dockerCli(engine, 'image', 'inspect', '--format', '{{.Id}}', ref);
      return true;
    } catch {
      return false;
    }
  };

  describe('tag and untag', () => {
    it('tags with the normalised name and refuses an invalid one with the grammar’s words', async () => {
      expect(valueOf(await backend.call('images.tag', { source: FIXTURES.base, target: 'rm/tagged' }))).toEqual({ target: 'rm/tagged:latest', full: 'docker.io/rm/tagged:latest' });
      expect(exists('rm/tagged:latest')).toBe(true);
      const bad = await backend.call('images.tag', { source: FIXTURES.base, target: 'rm/Tagged' });
      expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('lowercase') } });
    });

    it('untags one name and says the image stays under its other tags', async () => {
      const { outcomes } = await removeAsPreviewed(['rm/tagged:latest']);
      expect(outcomes[0]).toMatchObject({ ok: true, untagged: ['rm/tagged:latest'], deleted: [] });
      expect(outcomes[0]!.remainingTags).toEqual(expect.arrayContaining([...FIXTURES.multiTag]));
      expect(exists(FIXTURES.base)).toBe(true);
    });

    it('tells every window the list changed after a removal, whether or not the engine announces it', async () => {
      dockerCli(engine, 'tag', FIXTURES.base, 'rm/told:1');
      const told = nextEvent(backend, 'engine.changed', (c) => c.actions.includes('stevedore:remove'));
      valueOf(await backend.call('images.remove', { targets: ['rm/told:1'], force: false }));
      expect((await told).kinds).toContain('images');
    });
  });

  describe('conflicts are explained, and force does what the preview says', () => {
    beforeEach(cleanContainers);

    it('referenced in several repositories: by ID it is refused until forced, then every tag goes', async () => {
      const id = buildImage(engine, 'rm/multi:1', [from, 'RUN echo multi > /m']);
      dockerCli(engine, 'tag', 'rm/multi:1', 'rm/other:1');
      const { outcomes } = await removeAsPreviewed([id.slice(7, 19)]);
      expect(outcomes[0]!.conflict).toMatchObject({ kind: 'multiple-repositories', forceable: true, tags: expect.arrayContaining(['rm/multi:1', 'rm/other:1']) });
      const forced = await removeAsPreviewed([id.slice(7, 19)], true);
      expect(forced.preview.images.map((i) => i.id)).toEqual([id]);
      expect(forced.outcomes[0]!.deleted).toContain(id);
      expect(forced.outcomes[0]!.untagged).toEqual(expect.arrayContaining(['rm/multi:1', 'rm/other:1']));
    });

    it('used by a stopped container: names the container; force removes the image and keeps the container', async () => {
      const id = buildImage(engine, 'rm/stopped:1', [from, 'RUN echo stopped > /s']);
      dockerCli(engine, 'create', '--name', 'rm-stopped', '--network', 'none', 'rm/stopped:1');
      const { outcomes } = await removeAsPreviewed(['rm/stopped:1', id]);
      expect(outcomes[0]!.conflict).toMatchObject({ kind: 'container-using-reference', forceable: true, containers: [expect.objectContaining({ name: 'rm-stopped', state: 'created' })] });
      expect(outcomes[1]!.conflict).toMatchObject({ kind: 'stopped-container', forceable: true, containers: [expect.objectContaining({ name: 'rm-stopped' })] });
      const forced = await removeAsPreviewed([id], true);
      expect(forced.outcomes[0]!.deleted).toContain(id);
      expect(dockerCli(engine, 'ps', '-a', '--filter', 'name=rm-stopped', '--format', '{{.Names}}')).toBe('rm-stopped');
    });

    it('several names and a stopped container: the refusal names both, so the force confirmation can', async () => {
      const id = buildImage(engine, 'rm/both:1', [from, 'RUN echo both > /b']);
      dockerCli(engine, 'tag', 'rm/both:1', 'rm/both:2');
      dockerCli(engine, 'create', '--name', 'rm-both', '--network', 'none', 'rm/both:1');
      const { outcomes } = await removeAsPreviewed([id]);
      // Each store checks its rules in its own order: 20.10 the names first, 26.1 the containers.
      expect(outcomes[0]!.conflict).toMatchObject({
        kind: engine.name === 'legacy' ? 'multiple-repositories' : 'stopped-container',
        forceable: true,
        tags: expect.arrayContaining(['rm/both:1', 'rm/both:2']),
        containers: [expect.objectContaining({ name: 'rm-both' })],
      });
      const forced = await removeAsPreviewed([id], true);
      expect(forced.outcomes[0]!.deleted).toContain(id);
      expect(dockerCli(engine, 'ps', '-a', '--filter', 'name=rm-both', '--format', '{{.Names}}')).toBe('rm-both');
    });

    it('used by a running container: refused even with force, naming the running container', async () => {
      const id = buildImage(engine, 'rm/run:1', [from, 'RUN echo run > /r']);
      dockerCli(engine, 'run', '-d', '--name', 'rm-running', '--network', 'none', 'rm/run:1', 'sleep', '600');
      const { outcomes } = await removeAsPreviewed([id], true);
      expect(outcomes[0]!.conflict).toMatchObject({ kind: 'running-container', forceable: false, containers: [expect.objectContaining({ name: 'rm-running', state: 'running' })] });
      expect(exists(id)).toBe(true);
      const stillRunning = await backend.call('containers.remove', { id: 'rm-running' });
      expect(stillRunning).toMatchObject({ ok: false, error: { code: 'CONFLICT', hint: expect.stringContaining('docker stop') } });
      // By its name, force takes only the name on both stores: the image stays for the running container.
      const byName = await removeAsPreviewed(['rm/run:1'], true);
      expect(byName.outcomes[0]).toMatchObject({ ok: true, untagged: ['rm/run:1'], deleted: [] });
      expect(exists(id)).toBe(true);
      dockerCli(engine, 'rm', '-f', 'rm-running');
      dockerCli(engine, 'rmi', id);
    });

    it('the last tag of an image a stopped container uses, forced: 20.10 deletes the image, 26.1 only untags it', async () => {
      const id = buildImage(engine, 'rm/last:1', [from, 'RUN echo last > /l']);
      dockerCli(engine, 'create', '--name', 'rm-last', '--network', 'none', 'rm/last:1');
      const { outcomes } = await removeAsPreviewed(['rm/last:1'], true);
      expect(outcomes[0]!.untagged).toEqual(['rm/last:1']);
      expect(exists(id)).toBe(engine.name === 'containerd');
    });
  });

  describe('images other images are built on', () => {
    it('20.10 refuses even with force and lists the children; 26.1 removes it by ID, and by name keeps it untagged', async () => {
      const parent = buildImage(engine, 'rm/parent:1', [from, 'RUN echo parent > /p']);
      buildImage(engine, 'rm/kid:1', ['FROM rm/parent:1', 'RUN echo kid > /k']);
      if (engine.name === 'legacy') {
        const { outcomes } = await removeAsPreviewed([parent], true);
        expect(outcomes[0]!.conflict).toMatchObject({ kind: 'child-images', forceable: false });
        expect(outcomes[0]!.conflict?.children.flatMap((c) => c.tags)).toContain('rm/kid:1');
        expect(exists(parent)).toBe(true);
        dockerCli(engine, 'rmi', 'rm/kid:1', 'rm/parent:1');
        return;
      }
      // By name: the engine reports the image deleted, yet keeps it without a name for its child.
      const byName = await removeAsPreviewed(['rm/parent:1']);
      expect(byName.outcomes[0]).toMatchObject({ ok: true, untagged: ['rm/parent:1'], deleted: [], keptUntagged: [parent] });
      expect(byName.preview.untagOnly).toEqual([expect.objectContaining({ ref: 'rm/parent:1', imageId: parent, remainingTags: [] })]);
      expect(exists(parent)).toBe(true);
      // By ID: it goes, and the child keeps working on its own content.
      const byId = await removeAsPreviewed([parent]);
      expect(byId.outcomes[0]!.deleted).toEqual([parent]);
      expect(byId.preview.keptChildren).toEqual([{ parentId: parent, children: [expect.objectContaining({ tags: ['rm/kid:1'] })] }]);
      expect(byId.freed).toMatchObject({ source: 'measured', accounting: 'content' });
      expect(exists('rm/kid:1')).toBe(true);
      // The child still names it as its parent; the details say that link leads nowhere now.
      expect(valueOf<ImageDetails>(await backend.call('images.inspect', { ref: 'rm/kid:1' }))).toMatchObject({ parent: parent, parentGone: true });
      dockerCli(engine, 'rmi', 'rm/kid:1');
    });
  });

  describe('by digest', () => {
    it('removes a digest reference as the preview says', async () => {
      const registry = testEnv().registry.address;
      const id = buildImage(engine, 'rm/digest:1', [from, 'RUN echo digest > /d']);
      dockerCli(engine, 'tag', 'rm/digest:1', `${registry}/rm/digest:1`);
      dockerCli(engine, 'push', `${registry}/rm/digest:1`);
      const digests = JSON.parse(dockerCli(engine, 'image', 'inspect', '--format', '{{json .RepoDigests}}', 'rm/digest:1')) as string[];
      const digestRef = digests.find((d) => d.startsWith(`${registry}/rm/digest@sha256:`))!;
      expect(digestRef).toBeDefined();
      const { preview, outcomes } = await removeAsPreviewed([digestRef]);
      expect(preview.images).toEqual([]);
      if (engine.name === 'legacy') {
        // 20.10 drops just the digest; both tags stay.
        expect(outcomes[0]).toMatchObject({ ok: true, untagged: [digestRef], deleted: [] });
        expect(dockerCli(engine, 'image', 'inspect', '--format', '{{len .RepoDigests}}', 'rm/digest:1')).toBe('0');
      } else {
        // 26.1 takes every name of that repository (here its one tag); the other repository keeps the image.
        expect(outcomes[0]).toMatchObject({ ok: true, untagged: [`${registry}/rm/digest:1`], deleted: [] });
        expect(exists(id)).toBe(true);
      }
      await remove(['rm/digest:1', `${registry}/rm/digest:1`].filter(exists));
    });
  });

  describe('bulk removal previews match what happens', () => {
    it('every tag of a repository', async () => {
      const a = buildImage(engine, 'rm/repo:1', [from, 'RUN echo a > /a']);
      dockerCli(engine, 'tag', 'rm/repo:1', 'rm/repo:2');
      const b = buildImage(engine, 'rm/repo:3', [from, 'RUN echo b > /b']);
      const preview = await plan({ kind: 'repository', repository: 'rm/repo' });
      expect(preview.targets.sort()).toEqual(['rm/repo:1', 'rm/repo:2', 'rm/repo:3']);
      expect(preview.images.map((i) => i.id).sort()).toEqual([a, b].sort());
      expectAsPreviewed(preview, await removeReport(preview.targets));
      expect(dockerCli(engine, 'images', '-q', 'rm/repo')).toBe('');
    });

    it('every dangling image', async () => {
      const preview = await plan({ kind: 'dangling' });
      expect(preview.command).toBe('docker rmi $(docker images --filter dangling=true -q)');
      expect(preview.targets.length).toBeGreaterThan(0);
      const report = await removeReport(preview.targets);
      expectAsPreviewed(preview, report);
      // Every image the engine said it deleted is gone (a refused one stays, as previewed; on 26.1 a
      // parent whose child went may surface as dangling).
      for (const id of report.outcomes.flatMap((o) => o.deleted)) expect(exists(id)).toBe(false);
    });

    it('every image created since a chosen one', async () => {
      buildImage(engine, 'rm/anchor:1', [from, 'RUN echo anchor > /x']);
      await new Promise((r) => setTimeout(r, 1100));
      const later = buildImage(engine, 'rm/later:1', [from, 'RUN echo later > /y']);
      const preview = await plan({ kind: 'since', ref: 'rm/anchor:1' });
      expect(preview.command).toBe('docker rmi $(docker images -q --filter since=rm/anchor:1)');
      expect(preview.targets).toContain(later);
      expect(preview.targets).not.toContain(dockerCli(engine, 'images', '-q', '--no-trunc', 'rm/anchor:1'));
      await remove(['rm/anchor:1', 'rm/later:1']);
    });

    it('says which names the engine has no image for', async () => {
      const preview = await plan({ kind: 'refs', refs: ['rm/nonexistent:1', FIXTURES.base, 'rm/nonexistent:1'] });
      expect(preview.notFound).toEqual(['rm/nonexistent:1']);
    });
  });
});
