import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../scripts/test-env/fixture-names.mjs';
import type { ContainerBrief, RemovalOutcome, RemovalPlan } from '../../../shared/removal-types';
import type { Backend } from '../backend';
import { backendFor, connected, dockerCli, valueOf } from '../test-support/backend-harness';
import { buildImage } from '../test-support/build-image';
import { testEnv } from '../test-support/test-env';
import { forEachEngine, restoreFixtures } from '../test-support/engine-suite';

forEachEngine((engine) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = backendFor(engine);
    await connected(backend);
  });
  afterAll(async () => {
    for (const name of ['rm-running', 'rm-stopped']) {
      try {
        dockerCli(engine, 'rm', '-f', name);
      } catch {
        // Already gone.
      }
    }
    backend.dispose();
    await restoreFixtures(engine);
  });

  const from = `FROM ${FIXTURES.base}`;
  const remove = async (targets: string[], force = false) => valueOf<RemovalOutcome[]>(await backend.call('images.remove', { targets, force }));
  const plan = async (selection: unknown, force = false) => valueOf<RemovalPlan & { targets: string[] }>(await backend.call('images.removalPlan', { selection, force }));
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
      const [outcome] = await remove(['rm/tagged:latest']);
      expect(outcome).toMatchObject({ ok: true, untagged: ['rm/tagged:latest'], deleted: [] });
      expect(outcome!.remainingTags).toEqual(expect.arrayContaining([...FIXTURES.multiTag]));
      expect(exists(FIXTURES.base)).toBe(true);
    });
  });

  describe('conflicts are explained, and force does what the preview says', () => {
    it('referenced in several repositories: by ID it is refused until forced, then every tag goes', async () => {
      const id = buildImage(engine, 'rm/multi:1', [from, 'RUN echo multi > /m']);
      dockerCli(engine, 'tag', 'rm/multi:1', 'rm/other:1');
      const [refused] = await remove([id.slice(7, 19)]);
      expect(refused!.conflict).toMatchObject({ kind: 'multiple-repositories', forceable: true, tags: expect.arrayContaining(['rm/multi:1', 'rm/other:1']) });
      const preview = await plan({ kind: 'refs', refs: [id.slice(7, 19)] }, true);
      expect(preview.images.map((i) => i.id)).toEqual([id]);
      expect(preview.images[0]!.tags).toEqual(expect.arrayContaining(['rm/multi:1', 'rm/other:1']));
      const [forced] = await remove([id.slice(7, 19)], true);
      expect(forced!.deleted).toContain(id);
      expect(forced!.untagged).toEqual(expect.arrayContaining(['rm/multi:1', 'rm/other:1']));
    });

    it('used by a stopped container: names the container; force removes the image and keeps the container', async () => {
      const id = buildImage(engine, 'rm/stopped:1', [from, 'RUN echo stopped > /s']);
      dockerCli(engine, 'create', '--name', 'rm-stopped', '--network', 'none', 'rm/stopped:1');
      const [byName, byId] = await remove(['rm/stopped:1', id]);
      expect(byName!.conflict).toMatchObject({ kind: 'container-using-reference', forceable: true, containers: [expect.objectContaining({ name: 'rm-stopped', state: 'created' })] });
      expect(byId!.conflict).toMatchObject({ kind: 'stopped-container', forceable: true, containers: [expect.objectContaining({ name: 'rm-stopped' })] });
      const preview = await plan({ kind: 'refs', refs: [id] }, true);
      expect(preview.images.map((i) => i.id)).toEqual([id]);
      const [forced] = await remove([id], true);
      expect(forced!.deleted).toContain(id);
      expect(dockerCli(engine, 'ps', '-a', '--filter', 'name=rm-stopped', '--format', '{{.Names}}')).toBe('rm-stopped');
    });

    it('several names and a stopped container: the refusal names both, so the force confirmation can', async () => {
      const id = buildImage(engine, 'rm/both:1', [from, 'RUN echo both > /b']);
      dockerCli(engine, 'tag', 'rm/both:1', 'rm/both:2');
      dockerCli(engine, 'create', '--name', 'rm-both', '--network', 'none', 'rm/both:1');
      const [refused] = await remove([id]);
      expect(refused!.conflict).toMatchObject({ kind: 'multiple-repositories', forceable: true, containers: [expect.objectContaining({ name: 'rm-both' })] });
      const [forced] = await remove([id], true);
      expect(forced!.deleted).toContain(id);
      expect(dockerCli(engine, 'ps', '-a', '--filter', 'name=rm-both', '--format', '{{.Names}}')).toBe('rm-both');
      dockerCli(engine, 'rm', 'rm-both');
    });

    it('used by a running container: refused even with force, naming the running container', async () => {
      const id = buildImage(engine, 'rm/run:1', [from, 'RUN echo run > /r']);
      dockerCli(engine, 'run', '-d', '--name', 'rm-running', '--network', 'none', 'rm/run:1', 'sleep', '600');
      const [refused] = await remove([id], true);
      expect(refused!.conflict).toMatchObject({ kind: 'running-container', forceable: false, containers: [expect.objectContaining({ name: 'rm-running', state: 'running' })] });
      expect(exists(id)).toBe(true);
      const stillRunning = await backend.call('containers.remove', { id: 'rm-running' });
      expect(stillRunning).toMatchObject({ ok: false, error: { code: 'CONFLICT', hint: expect.stringContaining('docker stop') } });
    });

    it('has dependent child images: lists the children and cannot be forced', async () => {
      const [refused] = await remove([dockerCli(engine, 'image', 'inspect', '--format', '{{.Id}}', FIXTURES.base)], true);
      expect(refused!.conflict?.kind).toBe('child-images');
      expect(refused!.conflict?.forceable).toBe(false);
      expect(refused!.conflict?.children.flatMap((c) => c.tags)).toEqual(expect.arrayContaining([FIXTURES.child, FIXTURES.layered]));
      expect(exists(FIXTURES.base)).toBe(true);
    });
  });

  describe('by digest', () => {
    it('removes a digest reference as the preview says, leaving the tags', async () => {
      const registry = testEnv().registry.address;
      buildImage(engine, 'rm/digest:1', [from, 'RUN echo digest > /d']);
      dockerCli(engine, 'tag', 'rm/digest:1', `${registry}/rm/digest:1`);
      dockerCli(engine, 'push', `${registry}/rm/digest:1`);
      const digestRef = dockerCli(engine, 'image', 'inspect', '--format', '{{index .RepoDigests 0}}', 'rm/digest:1');
      expect(digestRef).toMatch(new RegExp(`^${registry}/rm/digest@sha256:[0-9a-f]{64}$`));
      const preview = await plan({ kind: 'refs', refs: [digestRef] });
      expect(preview.images).toEqual([]);
      expect(preview.untagOnly).toEqual([expect.objectContaining({ ref: digestRef, remainingTags: expect.arrayContaining(['rm/digest:1', `${registry}/rm/digest:1`]) })]);
      const [outcome] = await remove([digestRef]);
      expect(outcome).toMatchObject({ ok: true, untagged: [digestRef], deleted: [] });
      expect(dockerCli(engine, 'image', 'inspect', '--format', '{{len .RepoDigests}}', 'rm/digest:1')).toBe('0');
      await remove(['rm/digest:1', `${registry}/rm/digest:1`]);
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
      const outcomes = await remove(preview.targets);
      expect(outcomes.flatMap((o) => o.deleted).filter((d) => d === a || d === b).sort()).toEqual([a, b].sort());
      expect(dockerCli(engine, 'images', '-q', 'rm/repo')).toBe('');
    });

    it('every dangling image', async () => {
      const preview = await plan({ kind: 'dangling' });
      expect(preview.command).toBe('docker rmi $(docker images --filter dangling=true -q)');
      expect(preview.targets.length).toBeGreaterThan(0);
      const outcomes = await remove(preview.targets);
      expect(outcomes.every((o) => o.ok)).toBe(true);
      expect(dockerCli(engine, 'images', '-q', '--filter', 'dangling=true')).toBe('');
    });

    it('every image created since a chosen one', async () => {
      buildImage(engine, 'rm/anchor:1', [from, 'RUN echo anchor > /x']);
      await new Promise((r) => setTimeout(r, 1100));
      const later = buildImage(engine, 'rm/later:1', [from, 'RUN echo later > /y']);
      const preview = await plan({ kind: 'since', ref: 'rm/anchor:1' });
      expect(preview.command).toBe('docker rmi $(docker images -q --filter since=rm/anchor:1)');
      expect(preview.targets).toContain(later);
      expect(preview.targets).not.toContain(dockerCli(engine, 'images', '-q', '--no-trunc', 'rm/anchor:1'));
    });
  });

  describe('containers using an image', () => {
    it('lists the fixture’s stopped container and removes a stopped one on request', async () => {
      const users = valueOf<ContainerBrief[]>(await backend.call('images.containers', { ref: FIXTURES.usedByContainer }));
      expect(users).toEqual([expect.objectContaining({ name: FIXTURES.containerName, state: 'created' })]);
      dockerCli(engine, 'create', '--name', 'rm-temp', '--network', 'none', FIXTURES.usedByContainer);
      const removed = valueOf<{ removed: string }>(await backend.call('containers.remove', { id: 'rm-temp' }));
      expect(removed.removed).toMatch(/^[0-9a-f]{64}$/);
      expect(dockerCli(engine, 'ps', '-a', '--filter', 'name=rm-temp', '-q')).toBe('');
    });
  });
});
