import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../scripts/test-env/fixture-names.mjs';
import type { ContainerBrief } from '../../../shared/removal-types';
import type { Backend } from '../backend';
import { backendFor, connected, dockerCli, removeContainers, valueOf } from '../test-support/backend-harness';
import { forEachEngine } from '../test-support/engine-suite';

forEachEngine((engine) => {
  let backend: Backend;
  const cleanUp = () => removeContainers(engine, 'ct-temp', 'ct-run');
  beforeAll(async () => {
    cleanUp();
    backend = backendFor(engine);
    await connected(backend);
  });
  afterAll(() => {
    cleanUp();
    backend.dispose();
  });
  const state = (name: string) => dockerCli(engine, 'ps', '-a', '--filter', `name=^${name}$`, '--format', '{{.State}}');

  describe('containers', () => {
    it('lists every container like docker ps -a, with the image it uses', async () => {
      const all = valueOf<ContainerBrief[]>(await backend.call('containers.list', {}));
      const fixture = all.find((c) => c.name === FIXTURES.containerName);
      expect(fixture).toMatchObject({ state: 'created', imageId: dockerCli(engine, 'image', 'inspect', '--format', '{{.Id}}', FIXTURES.usedByContainer) });
      expect(all.length).toBe(dockerCli(engine, 'ps', '-aq').split('\n').filter(Boolean).length);
    });

    it('lists the containers of one image, and removes a stopped one on request', async () => {
      const users = valueOf<ContainerBrief[]>(await backend.call('images.containers', { ref: FIXTURES.usedByContainer }));
      expect(users).toEqual([expect.objectContaining({ name: FIXTURES.containerName, state: 'created' })]);
      dockerCli(engine, 'create', '--name', 'ct-temp', '--network', 'none', FIXTURES.usedByContainer);
      const removed = valueOf<{ removed: string }>(await backend.call('containers.remove', { id: 'ct-temp' }));
      expect(removed.removed).toMatch(/^[0-9a-f]{64}$/);
      expect(state('ct-temp')).toBe('');
    });

    it('starts and stops a container; a running one is not removed', async () => {
      dockerCli(engine, 'create', '--name', 'ct-run', '--network', 'none', FIXTURES.usedByContainer, 'sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done');
      valueOf(await backend.call('containers.start', { id: 'ct-run' }));
      expect(state('ct-run')).toBe('running');
      expect(await backend.call('containers.remove', { id: 'ct-run' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', hint: expect.stringContaining('docker stop') } });
      valueOf(await backend.call('containers.stop', { id: 'ct-run' }));
      expect(state('ct-run')).toBe('exited');
      // Starting or stopping twice is not an error: the container is already where it was asked to be.
      valueOf(await backend.call('containers.stop', { id: 'ct-run' }));
    });
  });
});
