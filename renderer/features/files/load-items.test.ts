import { describe, expect, it } from 'vitest';
import type { ArchivePreview } from '../../../shared/archive-types';
import { headProblem, headVerdict, idOnLoad, loadSummary, looksLikeFilesystem, newItem, type LoadItem } from './load-items';

const preview = (fates: ArchivePreview['tagFates'], images = 1): ArchivePreview => ({
  compression: 'none',
  layout: 'docker',
  images: Array.from({ length: images }, (_, i) => ({ configDigest: `sha256:${i}`, targetDigest: null, tags: [], platforms: ['linux/amd64'], layers: 1, layerBytes: 1 })),
  tarBytes: 1,
  fileName: 'a.tar',
  fileBytes: 1,
  tagFates: fates,
});

describe('files dropped to load', () => {
  it('start reading at once when the backend can open the path, and are copied to the host first otherwise', () => {
    expect(newItem({ kind: 'path', path: '/x/a.tar', name: 'a.tar', bytes: 5 }).stage).toBe('reading');
    const upload = newItem({ kind: 'upload-needed', file: new Blob([]) as File, name: 'a.tar', bytes: 0 });
    expect(upload.stage).toBe('uploading');
    expect(upload.source).toBeNull();
  });

  it('sum only the files read through, and count the names that would move off another image', () => {
    const ready: LoadItem = { ...newItem({ kind: 'path', path: '/a', name: 'a', bytes: 1 }), stage: 'ready', preview: preview([{ tag: 'a:1', fate: 'replaces', currentId: 'x' }, { tag: 'b:1', fate: 'new' }, { tag: 'c:1', fate: 'same', currentId: 'y' }], 2) };
    const failed: LoadItem = { ...newItem({ kind: 'path', path: '/b', name: 'b', bytes: 1 }), stage: 'failed', preview: null };
    expect(loadSummary([ready, failed])).toEqual({ files: 1, images: 2, replaces: 1 });
  });

  it('point a filesystem tar to Import', () => {
    expect(looksLikeFilesystem({ code: 'INVALID_ARGUMENT', message: 'fs.tar holds no images: it has neither manifest.json nor index.json — is it a filesystem export? Use Import for those.' })).toBe(true);
    expect(looksLikeFilesystem({ code: 'INVALID_ARGUMENT', message: 'x.tar is cut short.' })).toBe(false);
  });

  it('are refused before copying when their first block is zeros or not a tar header, and pass when compressed or a tar', () => {
    const block = (fill: (b: Uint8Array) => void) => {
      const b = new Uint8Array(512);
      fill(b);
      return b;
    };
    expect(headVerdict(block(() => undefined))).toBe('empty');
    expect(headVerdict(new Uint8Array(0))).toBe('empty');
    expect(headVerdict(block((b) => b.set([0x89, 0x50, 0x4e, 0x47])))).toBe('not-tar');
    expect(headVerdict(block((b) => b.set([0x1f, 0x8b])))).toBe('ok');
    expect(headVerdict(block((b) => b.set([0x28, 0xb5, 0x2f, 0xfd])))).toBe('ok');
    const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
    const tarHeader = block((b) => {
      b.set(ascii('manifest.json'));
      b.set(ascii('ustar'), 257);
    });
    expect(headVerdict(tarHeader)).toBe('ok');
  });
});

describe('the ID a preview promises', () => {
  const image = { configDigest: 'sha256:config', targetDigest: 'sha256:manifest', tags: [], platforms: [], layers: 1, layerBytes: 1 };
  it('is the one this engine’s store will give: the config’s on the legacy store, the manifest’s on containerd', () => {
    expect(idOnLoad(image, 'legacy')).toBe('sha256:config');
    expect(idOnLoad(image, 'containerd')).toBe('sha256:manifest');
  });
  it('is not promised where the engine makes it while loading (a docker-format archive on containerd) or the store is not known', () => {
    expect(idOnLoad({ ...image, targetDigest: null }, 'containerd')).toBeNull();
    expect(idOnLoad(image, null)).toBeNull();
  });
});

describe('a dropped file refused by its first bytes', () => {
  it('says a 0-byte file is empty, and a file of zeros that its first block holds nothing', () => {
    expect(headProblem('empty', 'a.tar', 0)).toMatchObject({ message: 'a.tar is empty (0 bytes).', i18n: { key: 'archive.zeroBytes' } });
    expect(headProblem('empty', 'z.tar', 4096).message).toBe('z.tar holds no data: its first block is all zeros.');
  });
});
