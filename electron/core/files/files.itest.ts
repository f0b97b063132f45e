import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zstdStored } from '../archives/test-archives';
import { testEngines } from '../test-support/test-env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../scripts/test-env/fixture-names.mjs';
import type { ArchivePreview, ExportResult, ImportResult, LoadResult, SaveResult } from '../../../shared/archive-types';
import type { JobUpdate } from '../../../shared/job-types';
import type { CallOutcome } from '../../../shared/transport';
import type { Backend } from '../backend';
import { backendFor, connected, dockerCli, nextEvent, valueOf } from '../test-support/backend-harness';
import { buildImage } from '../test-support/build-image';
import { forEachEngine } from '../test-support/engine-suite';

forEachEngine((engine) => {
  let backend: Backend;
  let dir: string;
  beforeAll(async () => {
    backend = backendFor(engine);
    await connected(backend);
    dir = mkdtempSync('/tmp/sd-files-');
  });
  afterAll(() => {
    backend.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Start a job and wait for its end. */
  async function runJob(name: string, args: unknown): Promise<JobUpdate> {
    const outcome: CallOutcome = await backend.call(name, args);
    const { jobId } = valueOf<{ jobId: string }>(outcome);
    return nextEvent(backend, 'job.update', (u) => u.jobId === jobId && u.state !== 'running', 60_000);
  }
  const leftovers = () => readdirSync(dir).filter((f) => f.includes('stevedore-partial'));
  const imageId = (ref: string) => dockerCli(engine, 'image', 'inspect', '-f', '{{.Id}}', ref);

  describe('save (docker save -o)', () => {
    it('writes one archive holding every named image, with the platforms it holds, and nothing partial beside it', async () => {
      const path = join(dir, 'two.tar');
      const end = await runJob('images.save', { refs: [FIXTURES.base, FIXTURES.child], path });
      expect(end.state, JSON.stringify(end.error)).toBe('done');
      const result = end.result as SaveResult;
      expect(result.bytes).toBe(statSync(path).size);
      expect(result.images).toBe(2);
      expect(result.platforms).toEqual(['linux/amd64']);
      expect(end.title).toBe(`docker save -o ${path} ${FIXTURES.base} ${FIXTURES.child}`);
      expect(leftovers()).toEqual([]);
      // What we wrote is what the engine itself reads back.
      const preview = valueOf<ArchivePreview>(await backend.call('archives.preview', { source: { kind: 'path', path } }));
      expect(preview.tagFates.map((f) => [f.tag, f.fate]).sort()).toEqual([
        [FIXTURES.base, 'same'],
        [FIXTURES.child, 'same'],
      ]);
    });

    it('compresses with gzip on request', async () => {
      const path = join(dir, 'base.tar.gz');
      const end = await runJob('images.save', { refs: [FIXTURES.base], path, gzip: true });
      expect(end.state).toBe('done');
      expect([...readFileSync(path).subarray(0, 2)]).toEqual([0x1f, 0x8b]);
      const preview = valueOf<ArchivePreview>(await backend.call('archives.preview', { source: { kind: 'path', path } }));
      expect(preview.compression).toBe('gzip');
    });

    it('refuses to replace a file unless told to, and names a folder that does not exist', async () => {
      const path = join(dir, 'exists.tar');
      writeFileSync(path, 'keep me');
      // Refused by the call itself, so a dialog asks before any job exists.
      const refused = await backend.call('images.save', { refs: [FIXTURES.base], path });
      expect(refused.ok ? null : refused.error.code).toBe('CONFLICT');
      expect(readFileSync(path, 'utf8')).toBe('keep me');
      const replaced = await runJob('images.save', { refs: [FIXTURES.base], path, overwrite: true });
      expect(replaced.state).toBe('done');
      const nowhere = await backend.call('images.save', { refs: [FIXTURES.base], path: join(dir, 'no-such-folder', 'x.tar') });
      expect(nowhere.ok ? null : nowhere.error.code).toBe('NOT_FOUND');
      expect(leftovers()).toEqual([]);
    });

    it('cancelled, leaves neither the file nor a partial one', async () => {
      const path = join(dir, 'cancelled.tar');
      const { jobId } = valueOf<{ jobId: string }>(await backend.call('images.save', { refs: [FIXTURES.base, FIXTURES.layered, FIXTURES.child], path }));
      await backend.call('jobs.cancel', { jobId });
      const end = await nextEvent(backend, 'job.update', (u) => u.jobId === jobId && u.state !== 'running', 30_000);
      expect(end.state).toBe('cancelled');
      expect(existsSync(path)).toBe(false);
      expect(leftovers()).toEqual([]);
    });

    it('refuses relative paths and unknown images before anything is written', async () => {
      const relative = await backend.call('images.save', { refs: [FIXTURES.base], path: 'out.tar' });
      expect(relative.ok).toBe(false);
      const missing = await runJob('images.save', { refs: ['no-such/image:1'], path: join(dir, 'missing.tar') });
      expect(missing.error?.code).toBe('NOT_FOUND');
      expect(existsSync(join(dir, 'missing.tar'))).toBe(false);
    });
  });

  describe('a round trip', () => {
    it('saves three images into one tar, and loading it after removing them brings back the same IDs and names', async () => {
      const names = ['files-trip/a:1', 'files-trip/b:1', 'files-trip/c:1'];
      for (const [i, name] of names.entries()) buildImage(engine, name, [`FROM ${FIXTURES.base}`, 'LABEL stevedore.test=files-trip', `RUN echo ${i} > /trip`]);
      const ids = names.map(imageId);
      const path = join(dir, 'three.tar');
      const saved = await runJob('images.save', { refs: names, path });
      expect(saved.state, JSON.stringify(saved.error)).toBe('done');
      expect((saved.result as SaveResult).images).toBe(3);
      dockerCli(engine, 'rmi', ...names);
      const loaded = await runJob('archives.load', { source: { kind: 'path', path } });
      expect(loaded.state, JSON.stringify(loaded.error)).toBe('done');
      expect((loaded.result as LoadResult).loaded.map((l) => l.name).sort()).toEqual(names);
      expect(names.map(imageId)).toEqual(ids);
      dockerCli(engine, 'rmi', ...names);
    });
  });

  describe('load (docker load -i)', () => {
    it('loads a saved archive back: the names return to the same image IDs, and the preview said they were new', async () => {
      const id = buildImage(engine, 'files-load/a:1', [`FROM ${FIXTURES.base}`, 'LABEL stevedore.test=files-load', 'RUN echo a > /a']);
      const path = join(dir, 'load.tar');
      expect((await runJob('images.save', { refs: ['files-load/a:1'], path })).state).toBe('done');
      dockerCli(engine, 'rmi', 'files-load/a:1');
      const preview = valueOf<ArchivePreview>(await backend.call('archives.preview', { source: { kind: 'path', path } }));
      expect(preview.tagFates).toEqual([{ tag: 'files-load/a:1', fate: 'new' }]);
      const end = await runJob('archives.load', { source: { kind: 'path', path } });
      expect(end.state, JSON.stringify(end.error)).toBe('done');
      const result = end.result as LoadResult;
      expect(result.loaded.map((l) => l.name)).toEqual(['files-load/a:1']);
      expect(result.loaded[0]!.id).toBe(imageId('files-load/a:1'));
      if (engine.name === 'legacy') expect(result.loaded[0]!.id).toBe(id);
      expect(result.bytes).toBe(statSync(path).size);
      dockerCli(engine, 'rmi', 'files-load/a:1');
    });

    it('says which local name a load would move, and to which image', async () => {
      buildImage(engine, 'files-load/b:1', [`FROM ${FIXTURES.base}`, 'LABEL stevedore.test=files-load', 'RUN echo b1 > /b']);
      const path = join(dir, 'moved.tar');
      expect((await runJob('images.save', { refs: ['files-load/b:1'], path })).state).toBe('done');
      const other = buildImage(engine, 'files-load/b:1', [`FROM ${FIXTURES.base}`, 'LABEL stevedore.test=files-load', 'RUN echo b2 > /b']);
      const preview = valueOf<ArchivePreview>(await backend.call('archives.preview', { source: { kind: 'path', path } }));
      expect(preview.tagFates).toHaveLength(1);
      expect(preview.tagFates[0]).toMatchObject({ tag: 'files-load/b:1', currentId: imageId('files-load/b:1') });
      expect(['replaces', 'exists']).toContain(preview.tagFates[0]!.fate);
      expect(imageId('files-load/b:1')).toBe(engine.name === 'legacy' ? other : imageId('files-load/b:1'));
      dockerCli(engine, 'rmi', 'files-load/b:1');
    });

    it('refuses a file that is not an image archive, or is cut short, and the engine keeps exactly the images it had', async () => {
      const before = dockerCli(engine, 'images', '-a', '-q', '--no-trunc').split('\n').sort();
      const text = join(dir, 'notes.txt');
      writeFileSync(text, 'not a tar at all\n'.repeat(100));
      const notTar = await runJob('archives.load', { source: { kind: 'path', path: text } });
      expect(notTar.state).toBe('failed');
      expect(notTar.error?.code).toBe('INVALID_ARGUMENT');
      expect(notTar.error?.message).toContain('notes.txt');

      const cut = join(dir, 'cut.tar');
      expect((await runJob('images.save', { refs: [FIXTURES.child], path: cut })).state).toBe('done');
      truncateSync(cut, Math.floor(statSync(cut).size / 2));
      const truncated = await runJob('archives.load', { source: { kind: 'path', path: cut } });
      expect(truncated.state).toBe('failed');
      expect(truncated.error?.code).toBe('INVALID_ARGUMENT');
      expect(truncated.error?.message).toContain('cut.tar');
      expect(dockerCli(engine, 'images', '-a', '-q', '--no-trunc').split('\n').sort()).toEqual(before);
    });
  });

  describe('load, compressed and across engines', () => {
    it('loads a .tar.gz and a .tar.zst, decompressing on our side', async () => {
      const plain = join(dir, 'to-compress.tar');
      dockerCli(engine, 'tag', FIXTURES.base, 'files-zip/gz:1');
      dockerCli(engine, 'save', '-o', plain, 'files-zip/gz:1');
      dockerCli(engine, 'rmi', 'files-zip/gz:1');
      const gz = join(dir, 'x.tar.gz');
      writeFileSync(gz, gzipSync(readFileSync(plain)));
      const zst = join(dir, 'x.tar.zst');
      writeFileSync(zst, zstdStored(readFileSync(plain)));
      for (const file of [gz, zst]) {
        const end = await runJob('archives.load', { source: { kind: 'path', path: file } });
        expect(end.state, `${file}: ${JSON.stringify(end.error)}`).toBe('done');
        expect((end.result as LoadResult).loaded.map((l) => l.name)).toEqual(['files-zip/gz:1']);
        dockerCli(engine, 'rmi', 'files-zip/gz:1');
      }
    });

    it('loads what the other engine saved (26.1 writes both layouts, so 20.10 reads it), or says why not', async () => {
      const others = testEngines().filter((e) => e.name !== engine.name);
      if (others.length === 0) return; // one engine in this run (STEVEDORE_TEST_ENGINES)
      const other = others[0]!;
      const path = join(dir, `from-${other.name}.tar`);
      execFileSync('docker', ['save', '-o', path, FIXTURES.child], { env: { ...process.env, DOCKER_HOST: other.dockerHost, DOCKER_CONFIG: other.dockerConfig } });
      dockerCli(engine, 'tag', FIXTURES.child, 'files-cross/keep:1');
      const end = await runJob('archives.load', { source: { kind: 'path', path } });
      expect(end.state, JSON.stringify(end.error)).toBe('done');
      expect((end.result as LoadResult).loaded.map((l) => l.name)).toContain(FIXTURES.child);
      // The other engine's child now holds the fixture's name: give it back to this engine's own, which
      // later suites compare with this engine's base (the disk-usage job on 26.1 found no shared layer).
      dockerCli(engine, 'tag', 'files-cross/keep:1', FIXTURES.child);
      dockerCli(engine, 'rmi', 'files-cross/keep:1');
    });

    it('refuses an empty file, a gzip of garbage and a tar with no manifest, and the engine keeps exactly the images it had', async () => {
      const before = dockerCli(engine, 'images', '-a', '-q', '--no-trunc').split('\n').sort();
      const empty = join(dir, 'empty.tar');
      writeFileSync(empty, '');
      const garbage = join(dir, 'garbage.tar.gz');
      writeFileSync(garbage, gzipSync(Buffer.from('%PDF-1.7 not a tar at all '.repeat(400))));
      const fsDir = join(dir, 'fs-root');
      mkdirSync(fsDir, { recursive: true });
      writeFileSync(join(fsDir, 'hello.txt'), 'hello');
      const noManifest = join(dir, 'rootfs.tar');
      execFileSync('tar', ['-cf', noManifest, '-C', fsDir, '.']);
      for (const [file, pattern] of [
        [empty, /empty\.tar/],
        [garbage, /garbage\.tar\.gz/],
        [noManifest, /Import/],
      ] as const) {
        const end = await runJob('archives.load', { source: { kind: 'path', path: file } });
        expect(end.state).toBe('failed');
        expect(end.error?.code).toBe('INVALID_ARGUMENT');
        expect(`${end.error?.message} ${end.error?.hint ?? ''}`).toMatch(pattern);
      }
      expect(dockerCli(engine, 'images', '-a', '-q', '--no-trunc').split('\n').sort()).toEqual(before);
    });
  });

  describe('a save where no file can be written', () => {
    it('says the folder is the problem, never the Docker socket (whose errors share the same codes)', async () => {
      const end = await runJob('images.save', { refs: [FIXTURES.base], path: '/proc/stevedore-test.tar' });
      expect(end.state).toBe('failed');
      expect(end.error?.code).not.toBe('ENGINE_UNREACHABLE');
      expect(end.error?.code).not.toBe('PERMISSION_DENIED');
      expect(end.error?.message).toContain('/proc');
    });
  });

  describe('a save onto a full disk', () => {
    it('fails with a message that says so and leaves nothing behind', async () => {
      const small = join(dir, 'tiny-disk');
      mkdirSync(small);
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', small], { stdio: 'ignore' });
      } catch {
        // Mounting needs root (CI and this project's test machines have it); say so rather than pass.
        console.warn('full-disk save: skipped — mounting a tmpfs needs root');
        return;
      }
      try {
        const end = await runJob('images.save', { refs: [FIXTURES.base], path: join(small, 'full.tar') });
        expect(end.state).toBe('failed');
        expect(end.error?.code).toBe('IO');
        expect(end.error?.message).toMatch(/space/i);
        expect(readdirSync(small)).toEqual([]);
      } finally {
        execFileSync('umount', [small]);
      }
    });
  });

  describe('export, import and commit', () => {
    it('exports a container’s filesystem and imports it back as a one-layer image with the given name and changes', async () => {
      const path = join(dir, 'fs.tar');
      const exported = await runJob('containers.export', { id: FIXTURES.containerName, path });
      expect(exported.state, JSON.stringify(exported.error)).toBe('done');
      expect((exported.result as ExportResult).bytes).toBe(statSync(path).size);
      expect(leftovers()).toEqual([]);
      // The container's own files are in it (the fixture's container was made from fixture/used:1).
      expect(execFileSync('tar', ['-tf', path], { encoding: 'utf8' }).split('\n')).toEqual(expect.arrayContaining([expect.stringMatching(/^(\.\/)?bin\/busybox$/)]));

      const imported = await runJob('images.import', { source: { kind: 'path', path }, name: 'files-import/fs:1', message: 'from a test', changes: ['CMD ["/bin/sh"]', 'ENV STEVEDORE=1'] });
      expect(imported.state, JSON.stringify(imported.error)).toBe('done');
      const result = imported.result as ImportResult;
      expect(result.id).toBe(imageId('files-import/fs:1'));
      expect(dockerCli(engine, 'image', 'inspect', '-f', '{{json .Config.Cmd}} {{json .Config.Env}}', 'files-import/fs:1')).toBe('["/bin/sh"] ["STEVEDORE=1"]');
      expect(dockerCli(engine, 'history', '--format', '{{.Comment}}', 'files-import/fs:1')).toContain('from a test');
      dockerCli(engine, 'rmi', 'files-import/fs:1');
    });

    it('refuses an instruction import cannot change, before the engine sees it', async () => {
      const outcome = await backend.call('images.import', { source: { kind: 'path', path: join(dir, 'fs.tar') }, changes: ['RUN rm -rf /'] });
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error.message).toMatch(/RUN cannot be changed/);
    });

    it('commits a container to a named image with its author and message', async () => {
      const end = await runJob('containers.commit', { id: FIXTURES.containerName, name: 'files-commit/used:1', author: 'Tester <t@example.com>', message: 'snapshot', changes: ['LABEL stevedore.test=commit'] });
      expect(end.state, JSON.stringify(end.error)).toBe('done');
      const result = end.result as ImportResult;
      expect(result.id).toBe(imageId('files-commit/used:1'));
      expect(dockerCli(engine, 'image', 'inspect', '-f', '{{.Author}}|{{.Comment}}|{{index .Config.Labels "stevedore.test"}}', 'files-commit/used:1')).toBe('Tester <t@example.com>|snapshot|commit');
      dockerCli(engine, 'rmi', 'files-commit/used:1');
    });
  });

  describe('the Tasks list', () => {
    it('keeps finished jobs with their outcome for a window opened later, until dismissed in every window', async () => {
      const end = await runJob('images.save', { refs: [FIXTURES.base], path: join(dir, 'listed.tar') });
      const listed = valueOf<JobUpdate[]>(await backend.call('jobs.list', {}));
      const mine = listed.find((j) => j.jobId === end.jobId);
      expect(mine).toMatchObject({ state: 'done', name: 'images.save' });
      expect((mine?.result as SaveResult).path).toBe(join(dir, 'listed.tar'));
      expect(mine?.finishedAt).toBeGreaterThanOrEqual(mine!.startedAt);
      const dismissedEvent = nextEvent(backend, 'jobs.dismissed', (d) => d.jobIds.includes(end.jobId));
      expect(valueOf<{ dismissed: string[] }>(await backend.call('jobs.dismiss', { jobIds: [end.jobId] })).dismissed).toEqual([end.jobId]);
      await dismissedEvent;
      expect(valueOf<JobUpdate[]>(await backend.call('jobs.list', {})).some((j) => j.jobId === end.jobId)).toBe(false);
    });
  });
});
