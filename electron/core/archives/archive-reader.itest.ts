import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../scripts/test-env/fixture-names.mjs';
import type { ArchiveContents } from '../../../shared/archive-types';
import { dockerCli } from '../test-support/backend-harness';
import { forEachEngine } from '../test-support/engine-suite';
import { readArchiveFile } from './archive-reader';

interface Inspected {
  Id: string;
  Os: string;
  Architecture: string;
  Variant?: string;
  RootFS: { Layers: string[] };
}

forEachEngine((engine) => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stevedore-archive-itest-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const inspect = (ref: string): Inspected => (JSON.parse(dockerCli(engine, 'image', 'inspect', ref)) as Inspected[])[0]!;
  const platformOf = (i: Inspected) => [i.Os, i.Architecture, ...(i.Variant ? [i.Variant] : [])].join('/');

  async function saveAndRead(name: string, refs: string[]): Promise<{ plain: ArchiveContents; gzipped: ArchiveContents; bytes: number }> {
    const file = path.join(dir, name);
    dockerCli(engine, 'save', '-o', file, ...refs);
    await pipeline(fs.createReadStream(file), createGzip(), fs.createWriteStream(`${file}.gz`));
    return { plain: await readArchiveFile(file), gzipped: await readArchiveFile(`${file}.gz`), bytes: fs.statSync(file).size };
  }

  describe('docker save of the fixtures, read back before loading', () => {
    const refs = [...FIXTURES.multiTag, FIXTURES.layered, FIXTURES.child];

    it('reports the images, tags, IDs, platforms and layer counts the engine reports, from the tar and from a gzip copy', async () => {
      const { plain, gzipped, bytes } = await saveAndRead('fixtures.tar', refs);
      // 20.10 writes the legacy layout; 25+ writes OCI with manifest.json beside it.
      expect(plain.layout).toBe(engine.name === 'legacy' ? 'docker' : 'docker+oci');
      expect(plain.compression).toBe('none');
      expect(plain.tarBytes).toBe(bytes);
      expect(gzipped).toEqual({ ...plain, compression: 'gzip' });

      const byId = new Map<string, string[]>();
      for (const ref of refs) byId.set(inspect(ref).Id, [...(byId.get(inspect(ref).Id) ?? []), ref]);
      expect(plain.images).toHaveLength(byId.size);
      for (const [id, tags] of byId) {
        const facts = inspect(tags[0]!);
        const image = plain.images.find((i) => i.tags.includes(tags[0]!));
        expect(image, `${tags[0]} in the archive`).toBeDefined();
        expect([...image!.tags].sort()).toEqual([...tags].sort());
        expect(image!.platforms).toEqual([platformOf(facts)]);
        expect(image!.layers).toBe(facts.RootFS.Layers.length);
        expect(image!.layerBytes).toBeGreaterThan(0);
        if (engine.name === 'legacy') {
          // The legacy store's image ID is the config digest; there is no manifest.
          expect(image!.configDigest).toBe(id);
          expect(image!.targetDigest).toBeNull();
        } else {
          // The containerd store's image ID is the manifest (or index) digest index.json points at.
          expect(image!.targetDigest).toBe(id);
          expect(image!.configDigest).toMatch(/^sha256:[a-f0-9]{64}$/);
          expect(image!.configDigest).not.toBe(id);
        }
      }
    });

    it('reports an image saved by ID, untagged', async () => {
      const { Id } = inspect(FIXTURES.child);
      const { plain } = await saveAndRead('by-id.tar', [Id]);
      expect(plain.images).toHaveLength(1);
      expect(plain.images[0]!.tags).toEqual([]);
      expect(engine.name === 'legacy' ? plain.images[0]!.configDigest : plain.images[0]!.targetDigest).toBe(Id);
    });

    if (engine.name === 'containerd') {
      it('reports both platforms of the multi-platform fixture, under its index digest', async () => {
        const { plain, gzipped } = await saveAndRead('multi.tar', [FIXTURES.multiPlatform]);
        expect(gzipped).toEqual({ ...plain, compression: 'gzip' });
        expect(plain.images).toEqual([
          expect.objectContaining({ tags: [FIXTURES.multiPlatform], targetDigest: inspect(FIXTURES.multiPlatform).Id, platforms: ['linux/amd64', 'linux/arm64/v8'], layers: 2 }),
        ]);
      });
    }
  });
});
