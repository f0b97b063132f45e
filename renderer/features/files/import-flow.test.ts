import { describe, expect, it } from 'vitest';
import type { ArgsIn } from '../../../shared/contract';
import type { StevedoreError } from '../../../shared/errors';
import type { JobUpdate } from '../../../shared/job-types';
import type { PickedFile } from '../../api/host-files';
import { runImport, uploadLeftOnHost, type ImportDeps, type ImportRequest, type ImportStage } from './import-flow';
import { importSourceLabel, importSourceReady, importUrlProblem } from './import-source';

const UPLOAD_ID = 'AAAAAAAAAAAAAAAAAAAAAA';
const JOB_ID = '00000000-0000-4000-8000-000000000000';

const ended = (state: JobUpdate['state'], error?: StevedoreError): JobUpdate => ({
  jobId: JOB_ID,
  name: 'images.import',
  state,
  startedAt: 0,
  title: 'docker import',
  ...(state === 'done' ? { result: { id: 'sha256:' + 'b'.repeat(64), name: 'app:1' } } : {}),
  ...(error ? { error } : {}),
});

function fakes(over: Partial<ImportDeps> = {}) {
  const calls: { uploads: File[]; starts: ArgsIn<'images.import'>[] } = { uploads: [], starts: [] };
  const deps: ImportDeps = {
    upload: async (file, _signal, onProgress) => {
      calls.uploads.push(file);
      onProgress(file.size);
      return { uploadId: UPLOAD_ID };
    },
    start: async (args) => {
      calls.starts.push(args);
      return { jobId: JOB_ID };
    },
    end: async () => ended('done'),
    toError: (err) => ({ code: 'IO', message: err instanceof Error ? err.message : String(err) }),
    ...over,
  };
  return { deps, calls };
}

const browserFile = (): PickedFile => ({ kind: 'upload-needed', file: new File(['x'], 'rootfs.tar'), name: 'rootfs.tar', bytes: 1 });
const hostFile: PickedFile = { kind: 'path', path: '/srv/rootfs.tar', name: 'rootfs.tar', bytes: 10 };
const request = (source: ImportRequest['source']): ImportRequest => ({ source, name: 'app:1', message: 'from e2e', changes: ['CMD ["/bin/sh"]'] });

async function run(req: ImportRequest, uploaded: string | null, deps: ImportDeps) {
  const stages: ImportStage['stage'][] = [];
  const outcome = await runImport(req, uploaded, deps, (s) => stages.push(s.stage), new AbortController().signal);
  return { outcome, stages };
}

describe('runImport', () => {
  it('imports a host file by path, without copying anything', async () => {
    const { deps, calls } = fakes();
    const { outcome, stages } = await run(request({ kind: 'file', file: hostFile }), null, deps);
    expect(stages).toEqual(['starting', 'importing']);
    expect(calls.uploads).toEqual([]);
    expect(calls.starts[0]).toEqual({ source: { kind: 'path', path: '/srv/rootfs.tar' }, name: 'app:1', message: 'from e2e', changes: ['CMD ["/bin/sh"]'] });
    expect(outcome).toMatchObject({ kind: 'ended', job: { state: 'done' }, uploadId: null });
  });

  it('copies a browser file to the host first, then imports the copy', async () => {
    const { deps, calls } = fakes();
    const { outcome, stages } = await run(request({ kind: 'file', file: browserFile() }), null, deps);
    expect(stages).toEqual(['uploading', 'uploading', 'starting', 'importing']);
    expect(calls.uploads).toHaveLength(1);
    expect(calls.starts[0]!.source).toEqual({ kind: 'upload', uploadId: UPLOAD_ID });
    expect(uploadLeftOnHost(outcome)).toBeNull();
  });

  it('reuses the copy a failed import left on the host', async () => {
    const { deps, calls } = fakes();
    const { stages } = await run(request({ kind: 'file', file: browserFile() }), UPLOAD_ID, deps);
    expect(stages).toEqual(['starting', 'importing']);
    expect(calls.uploads).toEqual([]);
  });

  it('lets the engine fetch a URL, trimmed', async () => {
    const { deps, calls } = fakes();
    await run(request({ kind: 'url', url: ' https://example.com/rootfs.tar ' }), null, deps);
    expect(calls.starts[0]!.source).toEqual({ kind: 'url', url: 'https://example.com/rootfs.tar' });
  });

  it('stops after a failed upload, with nothing left on the host', async () => {
    const { deps, calls } = fakes({ upload: () => Promise.reject(new Error('host unreachable')) });
    const { outcome } = await run(request({ kind: 'file', file: browserFile() }), null, deps);
    expect(outcome).toMatchObject({ kind: 'refused', step: 'upload', error: { message: 'host unreachable' } });
    expect(calls.starts).toEqual([]);
    expect(uploadLeftOnHost(outcome)).toBeNull();
  });

  it('keeps the copy when the import fails, so a retry need not send it again', async () => {
    const { deps } = fakes({ end: async () => ended('failed', { code: 'ENGINE_ERROR', message: 'not a tar' }) });
    const { outcome } = await run(request({ kind: 'file', file: browserFile() }), null, deps);
    expect(uploadLeftOnHost(outcome)).toBe(UPLOAD_ID);
  });

  it('forgets a copy the host no longer has', async () => {
    const { deps } = fakes({ end: async () => ended('failed', { code: 'NOT_FOUND', message: 'gone' }) });
    const { outcome } = await run(request({ kind: 'file', file: browserFile() }), UPLOAD_ID, deps);
    expect(uploadLeftOnHost(outcome)).toBeNull();
  });

  it('reports a refused call with the copy still on the host', async () => {
    const { deps } = fakes({ start: () => Promise.reject(new Error('invalid')) });
    const { outcome } = await run(request({ kind: 'file', file: browserFile() }), null, deps);
    expect(outcome).toMatchObject({ kind: 'refused', step: 'start' });
    expect(uploadLeftOnHost(outcome)).toBe(UPLOAD_ID);
  });
});

describe('import sources', () => {
  it('takes http and https URLs only', () => {
    expect(importUrlProblem('https://example.com/rootfs.tar')).toBeNull();
    expect(importUrlProblem('  ')).toBe('empty');
    expect(importUrlProblem('ftp://example.com/x.tar')).toBe('scheme');
    expect(importUrlProblem('example.com/x.tar')).toBe('scheme');
    expect(importUrlProblem('https://exa mple.com/x.tar')).toBe('invalid');
    expect(importUrlProblem('https://' + 'a'.repeat(2100))).toBe('too-long');
  });

  it('names the source in the command, or a placeholder', () => {
    expect(importSourceLabel({ kind: 'file', file: hostFile })).toBe('/srv/rootfs.tar');
    expect(importSourceLabel({ kind: 'file', file: browserFile() })).toBe('rootfs.tar');
    expect(importSourceLabel({ kind: 'file', file: null })).toBe('FILE');
    expect(importSourceLabel({ kind: 'url', url: '' })).toBe('URL');
  });

  it('is ready with a file, or a valid URL', () => {
    expect(importSourceReady({ kind: 'file', file: null })).toBe(false);
    expect(importSourceReady({ kind: 'file', file: hostFile })).toBe(true);
    expect(importSourceReady({ kind: 'url', url: 'http://x' })).toBe(true);
    expect(importSourceReady({ kind: 'url', url: 'x' })).toBe(false);
  });
});
