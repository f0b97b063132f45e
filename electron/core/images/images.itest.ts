import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../scripts/test-env/fixture-names.mjs';
import type { HistoryEntry, ImageContentFacts, ImageDetails, ImageSummary } from '../../../shared/image-types';
import { toImageRows } from '../../../shared/image-rows';
import type { Backend } from '../backend';
import { backendFor, connected, dockerCli, valueOf } from '../test-support/backend-harness';
import { testEnv } from '../test-support/test-env';
import { buildImage } from '../test-support/build-image';
import { forEachEngine } from '../test-support/engine-suite';

forEachEngine((engine) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = backendFor(engine);
    await connected(backend);
  });
  afterAll(() => backend.dispose());

  describe('the list the host asks for at start-up', () => {
    it('never hides a change made after it was taken: the first caller sees the tag made since', async () => {
      const early = backendFor(engine, { prefetchList: true });
      try {
        await connected(early);
        // Long enough for the early list to be taken and for the event stream to be open.
        await new Promise((r) => setTimeout(r, 500));
        const tag = `prefetch/after:${Date.now().toString(36)}`;
        dockerCli(engine, 'tag', FIXTURES.base, tag);
        try {
          await new Promise((r) => setTimeout(r, 300));
          const images = valueOf<ImageSummary[]>(await early.call('images.list', {}));
          expect(images.some((i) => i.repoTags.includes(tag))).toBe(true);
        } finally {
          dockerCli(engine, 'rmi', tag);
        }
      } finally {
        early.dispose();
      }
    });
  });

  describe('images.list against the private engine', () => {
    it('lists one image with every tag of the multi-tag fixture, across two repositories and the registry', async () => {
      const images = valueOf<ImageSummary[]>(await backend.call('images.list', {}));
      const base = images.find((i) => i.repoTags.includes(FIXTURES.base));
      expect(base).toBeDefined();
      expect(base!.repoTags).toEqual(expect.arrayContaining([...FIXTURES.multiTag, FIXTURES.pushed(testEnv().registry.address)]));
      const registryDigest = (d: string) => d.startsWith(`${testEnv().registry.address}/fixture/busybox@sha256:`);
      if (engine.name === 'legacy') {
        expect(base!.repoDigests.some(registryDigest)).toBe(true);
      } else {
        // The containerd store lists one digest per image (of the name record it happens to pick);
        // inspect lists every repository's, and that is what the details show.
        expect(base!.repoDigests).toHaveLength(1);
        const details = valueOf<ImageDetails>(await backend.call('images.inspect', { ref: FIXTURES.base }));
        expect(details.repoDigests.some(registryDigest)).toBe(true);
        // On this store the image ID is the manifest digest, the same one the registry has.
        expect(details.repoDigests.every((d) => d.endsWith(`@${details.id}`))).toBe(true);
      }
    });

    it('keeps the dangling image as a <none> row instead of hiding it', async () => {
      const rows = toImageRows(valueOf<ImageSummary[]>(await backend.call('images.list', {})));
      const danglingIds = dockerCli(engine, 'images', '--no-trunc', '-q', '--filter', 'dangling=true').split('\n').filter(Boolean);
      expect(danglingIds.length).toBeGreaterThan(0);
      for (const id of danglingIds) {
        expect(rows).toContainEqual(expect.objectContaining({ imageId: id, repository: '<none>', tag: '<none>', dangling: true }));
      }
    });

    it('marks as dangling, with intermediates shown, exactly what `docker images -a -f dangling=true` lists on this store', async () => {
      const rows = toImageRows(valueOf<ImageSummary[]>(await backend.call('images.list', { all: true })), engine.name);
      const cli = new Set(dockerCli(engine, 'images', '-a', '--no-trunc', '-q', '--filter', 'dangling=true').split('\n').filter(Boolean));
      expect(new Set(rows.filter((r) => r.dangling).map((r) => r.imageId))).toEqual(cli);
    });

    it('gives exactly as many rows as `docker images`, with and without intermediates', async () => {
      for (const all of [false, true]) {
        const rows = toImageRows(valueOf<ImageSummary[]>(await backend.call('images.list', { all })));
        const cli = dockerCli(engine, 'images', ...(all ? ['-a'] : []), '--format', '{{.ID}}').split('\n').filter(Boolean);
        expect(rows.length).toBe(cli.length);
      }
    });

    it('shows intermediate images only when asked for them (-a)', async () => {
      const plain = valueOf<ImageSummary[]>(await backend.call('images.list', { all: false }));
      const all = valueOf<ImageSummary[]>(await backend.call('images.list', { all: true }));
      expect(all.length).toBeGreaterThan(plain.length);
      const intermediate = toImageRows(all).filter((r) => r.repository === '<none>' && !r.dangling);
      expect(intermediate.length).toBeGreaterThan(0);
    });
  });

  describe('images.inspect and images.history', () => {
    it('reads the configuration facts of the layered fixture', async () => {
      const d = valueOf<ImageDetails>(await backend.call('images.inspect', { ref: FIXTURES.layered }));
      expect(d.id).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(d.entrypoint).toEqual(['/bin/sh', '-c']);
      expect(d.cmd).toEqual(['echo hello']);
      expect(d.env).toContain('LAYERS=yes');
      expect(d.os).toBe('linux');
      expect(d.layers.length).toBeGreaterThan(3);
      expect((d.raw as Record<string, unknown>).Id).toBe(d.id);
    });

    it('returns the full created-by text and marks exactly the entries that made no layer', async () => {
      const history = valueOf<HistoryEntry[]>(await backend.call('images.history', { ref: FIXTURES.layered }));
      const details = valueOf<ImageDetails>(await backend.call('images.inspect', { ref: FIXTURES.layered }));
      expect(history.some((h) => h.createdBy.includes('rm /data/delete-me'))).toBe(true);
      expect(history.some((h) => h.createdBy.includes('rm -rf /data/replace && mkdir /data/replace'))).toBe(true);
      expect(history.find((h) => h.createdBy.includes('ENV LAYERS=yes'))?.emptyLayer).toBe(true);
      // The whiteout-only layer (RUN rm) is a real layer even though it adds no bytes.
      expect(history.find((h) => h.createdBy.includes('rm /data/delete-me'))?.emptyLayer).toBe(false);
      expect(history.filter((h) => !h.emptyLayer).length).toBe(details.layers.length);
    });

    it('names every platform a multi-platform image holds (containerd store), or the one platform (legacy)', async () => {
      if (engine.name === 'legacy') {
        const facts = valueOf<ImageContentFacts>(await backend.call('images.content', { ref: FIXTURES.base }));
        expect(facts).toEqual({ store: 'legacy', platforms: ['linux/amd64'], contentBytes: null });
        return;
      }
      const facts = valueOf<ImageContentFacts>(await backend.call('images.content', { ref: FIXTURES.multiPlatform }));
      expect(facts.platforms).toEqual(['linux/amd64', 'linux/arm64/v8']);
      // The index, two manifests, two configs and two layers — every platform's content counts.
      const listed = valueOf<ImageSummary[]>(await backend.call('images.list', {})).find((i) => i.repoTags.includes(FIXTURES.multiPlatform));
      expect(facts.contentBytes).toBeGreaterThan(0);
      expect(listed!.size).toBeGreaterThanOrEqual(facts.contentBytes!);
    });

    it('marks a WORKDIR step by what the engine stored, so later layer sizes do not shift', async () => {
      buildImage(engine, 'images/workdir:1', [`FROM ${FIXTURES.base}`, 'WORKDIR /srv', 'RUN head -c 3000 /dev/urandom > /srv/blob', 'ENV AFTER=1']);
      const history = valueOf<HistoryEntry[]>(await backend.call('images.history', { ref: 'images/workdir:1' }));
      const details = valueOf<ImageDetails>(await backend.call('images.inspect', { ref: 'images/workdir:1' }));
      expect(history.filter((h) => !h.emptyLayer).length).toBe(details.layers.length);
      expect(history.find((h) => h.createdBy.includes('head -c 3000'))).toMatchObject({ emptyLayer: false });
      expect(history.find((h) => h.createdBy.includes('ENV AFTER=1'))).toMatchObject({ emptyLayer: true });
      dockerCli(engine, 'rmi', 'images/workdir:1');
    });

    it('answers NOT_FOUND with the engine’s words for an image that does not exist', async () => {
      const outcome = await backend.call('images.inspect', { ref: 'no-such/image:nowhere' });
      expect(outcome).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(!outcome.ok && outcome.error.detail).toMatch(/no such image/i);
    });
  });

  describe('argument validation at the boundary', () => {
    it.each([
      ['an unknown method', 'images.explode', {}],
      ['an empty reference', 'images.inspect', { ref: '' }],
      ['a reference with spaces', 'images.inspect', { ref: 'a b' }],
      ['a wrong type', 'images.list', { all: 'yes' }],
      ['an extra field', 'images.list', { all: true, force: true }],
      ['an array instead of an object', 'images.history', ['busybox']],
      ['a missing field', 'images.history', {}],
    ])('rejects %s with INVALID_ARGUMENT and keeps serving', async (_what, name, args) => {
      const outcome = await backend.call(name, args);
      expect(outcome).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      expect(!outcome.ok && outcome.error.message.length).toBeGreaterThan(10);
      expect((await backend.call('engine.status', {})).ok).toBe(true);
    });
  });
});
