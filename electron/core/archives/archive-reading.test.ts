import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackendError } from '../../../shared/errors';
import { readArchive, readArchiveFile } from './archive-reader';
import { streamOf } from './test-archives';
import { fixture, busybox, multi, archiveOf } from './archive-test-helpers';

describe('cancelling', () => {
  /** A source that gives its first bytes and then nothing, as a stalled network share might. */
  function stalled(head: Buffer): Readable {
    const raw = new Readable({ read() {} });
    raw.push(head);
    return raw;
  }

  it('rejects with CANCELLED at once when the signal is already aborted, closing the source', async () => {
    const raw = streamOf(Buffer.alloc(4096));
    const controller = new AbortController();
    controller.abort();
    await expect(readArchive(raw, { fileName: 'a.tar', signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(raw.destroyed).toBe(true);
  });

  it.each([
    ['waiting for the first bytes', async () => new Readable({ read() {} })],
    ['inside a tar entry', async () => stalled((await archiveOf([busybox], 'docker')).tar.subarray(0, 1024))],
    ['inside gzip data', async () => stalled(gzipSync((await archiveOf([busybox], 'docker')).tar).subarray(0, 200))],
    ['inside a zstd frame', async () => stalled(fixture('legacy.tar.zst').subarray(0, 100))],
  ])('rejects with CANCELLED %s, and destroys the source', async (_where, source) => {
    const raw = await source();
    const controller = new AbortController();
    const reading = readArchive(raw, { fileName: 'slow.tar', signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    const error = await reading.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({ code: 'CANCELLED', message: 'Reading slow.tar was cancelled.' });
    expect(raw.destroyed).toBe(true);
  });
});

describe('readArchiveFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stevedore-archive-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a file from disk, naming it by its base name in messages', async () => {
    const { tar, expected } = await archiveOf([busybox, multi], 'docker+oci');
    fs.writeFileSync(path.join(dir, 'images.tar.gz'), gzipSync(tar));
    expect(await readArchiveFile(path.join(dir, 'images.tar.gz'))).toEqual({ ...expected, compression: 'gzip', tarBytes: tar.length });
    fs.writeFileSync(path.join(dir, 'build.log'), 'not an archive\n'.repeat(100));
    await expect(readArchiveFile(path.join(dir, 'build.log'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: 'build.log is not an image archive: it is not a tar file.' });
  });

  it('says a missing file does not exist and a folder is not an archive', async () => {
    await expect(readArchiveFile(path.join(dir, 'gone.tar'))).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'gone.tar does not exist.' });
    fs.mkdirSync(path.join(dir, 'folder.tar'));
    await expect(readArchiveFile(path.join(dir, 'folder.tar'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: 'folder.tar is a folder, not an image archive.' });
  });

  it.skipIf(process.platform !== 'linux')('leaves no file descriptor open, whether reading succeeds, fails or is cancelled', async () => {
    const { tar } = await archiveOf([busybox], 'docker');
    fs.writeFileSync(path.join(dir, 'ok.tar'), tar);
    fs.writeFileSync(path.join(dir, 'cut.tar.gz'), gzipSync(tar).subarray(0, 300));
    fs.writeFileSync(path.join(dir, 'junk.tar'), Buffer.alloc(5000, 0x41));
    const open = () => fs.readdirSync('/proc/self/fd').length;
    await readArchiveFile(path.join(dir, 'ok.tar'));
    const before = open();
    for (let i = 0; i < 20; i += 1) {
      await readArchiveFile(path.join(dir, 'ok.tar'));
      await readArchiveFile(path.join(dir, 'cut.tar.gz')).catch(() => undefined);
      await readArchiveFile(path.join(dir, 'junk.tar')).catch(() => undefined);
      const controller = new AbortController();
      const reading = readArchiveFile(path.join(dir, 'ok.tar'), { signal: controller.signal });
      controller.abort();
      await reading.catch(() => undefined);
    }
    // Closing is asynchronous after a destroy: give the last closes a moment.
    await new Promise((r) => setTimeout(r, 100));
    expect(open()).toBe(before);
  });
});
