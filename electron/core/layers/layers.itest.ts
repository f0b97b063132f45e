import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../scripts/test-env/fixture-names.mjs';
import type { JobUpdate } from '../../../shared/job-types';
import type { ImageCompare, LayerAnalysis, TreeNode, TreePage } from '../../../shared/layer-types';
import type { CallOutcome } from '../../../shared/transport';
import { sha256, tarOf, zstdStored } from '../archives/test-archives';
import type { Backend } from '../backend';
import { backendFor, connected, dockerCli, nextEvent, removeImagesDeep, valueOf } from '../test-support/backend-harness';
import { buildImage } from '../test-support/build-image';
import { forEachEngine } from '../test-support/engine-suite';

/** Every kind of change the views must get exactly right, one RUN (one layer) each. */
const EXACT = [
  `FROM ${FIXTURES.base}`,
  'RUN mkdir -p /x/opq && echo one > /x/file && echo lower > /x/opq/lower && head -c 300000 /dev/zero > /x/big && echo keep > /x/keep && ln -s file /x/sym && ln /x/keep /x/hard && echo mode > /x/mode && chmod 644 /x/mode',
  'RUN echo two-two > /x/file',
  'RUN rm /x/big',
  'RUN rm -rf /x/opq && mkdir /x/opq && echo upper > /x/opq/upper',
  'RUN chmod 600 /x/mode',
  'ENV DONE=yes',
];

forEachEngine((engine) => {
  let backend: Backend;
  const tag = `stevedore-itest/layers:${engine.name}`;
  let imageId: string;
  beforeAll(async () => {
    backend = backendFor(engine);
    await connected(backend);
    imageId = buildImage(engine, tag, EXACT);
  });
  afterAll(() => {
    backend.dispose();
    removeImagesDeep(engine, [tag]);
  });

  async function analyse(ref: string, platform: string | null = null): Promise<JobUpdate & { result?: LayerAnalysis }> {
    const { jobId } = valueOf<{ jobId: string }>(await backend.call('layers.analyse', { ref, platform }));
    return nextEvent(backend, 'job.update', (u) => u.jobId === jobId && u.state !== 'running', 60_000) as Promise<JobUpdate & { result?: LayerAnalysis }>;
  }
  async function tree(args: Record<string, unknown>): Promise<TreePage> {
    return valueOf<TreePage>(await backend.call('layers.tree', args));
  }
  /** Every node of a view, folder by folder as the renderer walks it. */
  async function walk(args: Record<string, unknown>, dir = ''): Promise<TreeNode[]> {
    const page = await tree({ ...args, dir, limit: 20_000 });
    const below = await Promise.all(page.nodes.filter((n) => n.kind === 'dir').map((n) => walk(args, n.path)));
    return [...page.nodes, ...below.flat()];
  }
  const files = (nodes: TreeNode[]) => nodes.filter((n) => n.kind !== 'dir').map((n) => `${n.change} ${n.path} ${n.size}`).sort();

  describe('layer insight on an image of known content', () => {
    let analysis: LayerAnalysis;
    let top: number;
    beforeAll(async () => {
      const end = await analyse(tag);
      expect(end.state, JSON.stringify(end.error)).toBe('done');
      analysis = end.result!;
      top = analysis.layers.length - 1;
    });

    it('reads one layer per filesystem step, and shows the config history with metadata-only steps apart', () => {
      const inspected = JSON.parse(dockerCli(engine, 'image', 'inspect', '-f', '{{json .RootFS.Layers}}', tag)) as string[];
      expect(analysis.imageId).toBe(imageId);
      expect(analysis.layers.map((l) => l.diffId)).toEqual(inspected);
      const env = analysis.history.at(-1)!;
      expect(env.createdBy).toContain('DONE=yes');
      expect(env.layer).toBeNull();
      expect(analysis.history.filter((h) => h.layer !== null).map((h) => h.layer)).toEqual(inspected.map((_, i) => i));
    });

    it('lists what each RUN added, overwrote, removed and re-moded, with links as links', async () => {
      const view = (layer: number) => walk({ imageId, layer, view: 'changes' }).then((n) => files(n).filter((f) => f.includes(' x/')));
      const first = top - 4;
      // Of two hard-linked names, tar stores the bytes under the first it meets and links the other to it.
      expect(await view(first)).toEqual(['added x/big 300000', 'added x/file 4', 'added x/hard 5', 'added x/keep 0', 'added x/mode 5', 'added x/opq/lower 6', 'added x/sym 0']);
      expect(await view(first + 1)).toEqual(['modified x/file 8']);
      expect(await view(first + 2)).toEqual(['removed x/big 300000']);
      expect(await view(first + 3)).toEqual(['added x/opq/upper 6', 'removed x/opq/lower 6']);
      expect(await view(first + 4)).toEqual(['modified x/mode 5']);
      const links = (await walk({ imageId, layer: first, view: 'changes' })).filter((n) => ['x/sym', 'x/hard', 'x/keep'].includes(n.path));
      expect(links.map((n) => [n.path, n.kind, n.link])).toEqual([
        ['x/hard', 'file', null],
        ['x/keep', 'hardlink', 'x/hard'],
        ['x/sym', 'symlink', 'file'],
      ]);
      const mode = (await tree({ imageId, layer: first + 4, view: 'changes', dir: 'x' })).nodes.find((n) => n.name === 'mode')!;
      expect(mode.mode).toBe(0o600);
    });

    it('shows the whole filesystem up to a layer, each file with the layer that last wrote it', async () => {
      const x = (await tree({ imageId, layer: top, view: 'merged', dir: 'x' })).nodes.map((n) => `${n.name}:${n.layer}`);
      // 20.10's layer makes x/opq opaque (the folder made again); the containerd store's keeps the folder
      // and whites out what was in it, so there the folder is still the first RUN's.
      const opq = engine.name === 'containerd' ? top - 4 : top - 1;
      expect(x).toEqual([`opq:${opq}`, `file:${top - 3}`, `hard:${top - 4}`, `keep:${top - 4}`, `mode:${top}`, `sym:${top - 4}`]);
      const rolled = (await tree({ imageId, layer: top - 4, view: 'merged', dir: '' })).nodes.find((n) => n.name === 'x')!;
      expect(rolled.size).toBe(300_000 + 4 + 5 + 5 + 6);
      const filtered = await tree({ imageId, layer: top - 2, view: 'merged', dir: '', filter: { text: 'BIG', kinds: ['removed'] } });
      expect(filtered.matches).toBe(1);
      expect(filtered.nodes.map((n) => n.name)).toEqual(['x']);
    });

    it('counts the wasted space exactly: ours (copies a build could avoid) beside dive’s', () => {
      // `rm -rf /x/opq && mkdir /x/opq`: overlay2 under 20.10 marks the folder opaque, which dive skips, so
      // it never sees x/opq/lower go; the containerd store writes a whiteout for it, which dive counts.
      const lowerForDive = engine.name === 'containerd' ? 6 : 0;
      const ours = analysis.wasted.paths.filter((p) => p.path.startsWith('x/')).map((p) => [p.path, p.avoidableBytes, p.diveBytes, p.final, p.events.map((e) => `${e.action}@${e.layer - (top - 4)}`).join(' ')]);
      expect(ours).toEqual([
        ['x/big', 300_000, 300_000, 'removed', 'written@0 removed@2'],
        ['x/opq/lower', 6, lowerForDive, 'removed', 'written@0 removed@3'],
        ['x/mode', 5, 10, 'present', 'written@0 written@4'],
        ['x/file', 4, 12, 'present', 'written@0 written@1'],
      ]);
      // The base fixture writes nothing twice: these are the whole image's figures.
      expect(analysis.wasted.avoidableBytes).toBe(300_015);
      expect(analysis.wasted.dive.wastedBytes).toBe(300_022 + lowerForDive);
      const all = analysis.layers.reduce((n, l) => n + l.writtenBytes, 0);
      expect(analysis.wasted.dive.efficiency).toBeCloseTo((all - 8 - 300_000 - 5 - lowerForDive) / all, 12);
    });

    it('compares two images: the layers they share and the files that differ', async () => {
      const base = await analyse(FIXTURES.base);
      expect(base.state).toBe('done');
      const diff = valueOf<ImageCompare>(await backend.call('layers.compare', { a: { imageId: base.result!.imageId }, b: { imageId } }));
      expect(diff.sharedLayers).toBe(base.result!.layers.length);
      expect(diff.onlyA).toEqual([]);
      expect(diff.onlyB).toHaveLength(5);
      expect(diff.changes.filter((c) => c.kind !== 'dir').map((c) => `${c.change} ${c.path}`)).toEqual(['added x/file', 'added x/hard', 'added x/keep', 'added x/mode', 'added x/opq/upper', 'added x/sym']);
    });

    it('names the image it was built on, and how many bottom layers that is', async () => {
      const { base } = valueOf<{ base: { layers: number; name: string | null; whole: boolean } | null }>(await backend.call('layers.base', { imageId }));
      const baseLayers = (JSON.parse(dockerCli(engine, 'image', 'inspect', '-f', '{{json .RootFS.Layers}}', FIXTURES.base)) as string[]).length;
      expect(base).toMatchObject({ layers: baseLayers, whole: true });
      // The fixture has several names for one image; any of them names it.
      expect(dockerCli(engine, 'image', 'inspect', '-f', '{{.Id}}', base!.name!)).toBe(dockerCli(engine, 'image', 'inspect', '-f', '{{.Id}}', FIXTURES.base));
    });

    it('names the base by the names it has now, not those it had when first asked', async () => {
      const ask = async () => valueOf<{ base: { name: string | null } | null }>(await backend.call('layers.base', { imageId })).base?.name;
      await ask();
      // The shortest name without a registry is the one a FROM most likely used.
      dockerCli(engine, 'tag', FIXTURES.base, 'b:1');
      try {
        expect(await ask()).toBe('b:1');
      } finally {
        dockerCli(engine, 'rmi', 'b:1');
      }
      expect(await ask()).not.toBe('b:1');
    });

    it('answers a tree of an image not read with a clear message', async () => {
      const outcome: CallOutcome = await backend.call('layers.tree', { imageId: `sha256:${'0'.repeat(64)}`, layer: 0, view: 'changes', dir: '' });
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error.message).toMatch(/not read/);
    });
  });

  if (engine.name === 'containerd') {
    it('reads the platform the user picks from a multi-platform image', async () => {
      const amd = await analyse(FIXTURES.multiPlatform, 'linux/amd64');
      const arm = await analyse(FIXTURES.multiPlatform, 'linux/arm64/v8');
      expect(amd.result!.platforms.sort()).toEqual(['linux/amd64', 'linux/arm64/v8']);
      const only = async (a: LayerAnalysis) => (await tree({ imageId: a.imageId, platform: a.platform, layer: 0, view: 'changes', dir: '' })).nodes.map((n) => n.name);
      expect(await only(amd.result!)).toEqual(['platform-amd64.txt']);
      expect(await only(arm.result!)).toEqual(['platform-arm64.txt']);
    });

    it('reads a zstd-compressed layer', async () => {
      const dir = mkdtempSync('/tmp/sd-zstd-');
      const name = 'stevedore-itest/zstd:1';
      try {
        const raw = await tarOf([{ name: 'z/hello.txt', content: Buffer.from('zstd layer\n') }]);
        const blob = zstdStored(raw);
        const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [sha256(raw)] }, history: [{ created_by: 'COPY hello.txt /z/' }] }));
        const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(config), size: config.length }, layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+zstd', digest: sha256(blob), size: blob.length }] }));
        const index = { schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha256(manifest), size: manifest.length, annotations: { 'io.containerd.image.name': `docker.io/${name}` } }] };
        const archive = await tarOf([
          { name: 'oci-layout', content: Buffer.from('{"imageLayoutVersion":"1.0.0"}') },
          { name: 'index.json', content: Buffer.from(JSON.stringify(index)) },
          ...[blob, config, manifest].map((b) => ({ name: `blobs/sha256/${sha256(b).slice(7)}`, content: b })),
        ]);
        const file = join(dir, 'zstd.tar');
        writeFileSync(file, archive);
        dockerCli(engine, 'load', '-q', '-i', file);
        const end = await analyse(name);
        expect(end.state, JSON.stringify(end.error)).toBe('done');
        expect(files(await walk({ imageId: end.result!.imageId, layer: 0, view: 'changes' }))).toEqual(['added z/hello.txt 11']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
        removeImagesDeep(engine, [name]);
      }
    });
  }
});
