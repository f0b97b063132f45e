import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowMatcher, toImageRows } from '../../../shared/image-rows';
import type { ImageSummary } from '../../../shared/image-types';
import type { Backend } from '../backend';
import { backendFor, connected, dockerCli, valueOf } from '../test-support/backend-harness';
import { forEachEngine } from '../test-support/engine-suite';

forEachEngine((engine) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = backendFor(engine);
    await connected(backend);
  });
  afterAll(() => backend.dispose());

  describe('docker images --filter terms in the filter box', () => {
    // Each is typed into the box and given to the CLI; the rows must be the CLI's rows.
    const queries = [
      'reference=fixture/*',
      'reference=fixture/busybox:*',
      'reference=*/fixture/busybox',
      'reference=fixture/b?sybox:l*',
      'reference=fixture/used reference=fixture/child',
      'dangling=true',
      'dangling=false',
      'label=stevedore.fixture',
      'label=stevedore.fixture=child',
      'label=org.opencontainers.image.title=busybox-fixture',
      'reference=fixture/* label=stevedore.fixture',
    ];
    it.each(queries)('%s lists the rows the CLI lists', async (query) => {
      const store = engine.name === 'containerd' ? 'containerd' : 'legacy';
      const rows = toImageRows(valueOf<ImageSummary[]>(await backend.call('images.list', {})), store);
      const ours = rows.filter(rowMatcher(query)).map((r) => `${r.repository}:${r.tag}`);
      const flags = query.split(' ').flatMap((term) => ['--filter', term]);
      const cli = dockerCli(engine, 'images', ...flags, '--format', '{{.Repository}}:{{.Tag}}').split('\n').filter(Boolean);
      expect(ours.sort()).toEqual(cli.sort());
    });
  });
});
