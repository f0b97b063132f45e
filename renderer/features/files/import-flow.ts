import type { ArgsIn } from '../../../shared/contract';
import type { StevedoreError } from '../../../shared/errors';
import type { JobUpdate } from '../../../shared/job-types';
import type { PickedFile } from '../../api/host-files';
import type { ImportSourceChoice } from './import-source';

export interface ImportRequest {
  source: ImportSourceChoice;
  /** Already checked; undefined for an untagged image. */
  name: string | undefined;
  message: string;
  changes: string[];
}

/** The steps one import takes, each reported as it begins; an upload also reports the bytes sent so far. */
export type ImportStage = { stage: 'uploading'; file: File; sent: number } | { stage: 'starting' } | { stage: 'importing'; jobId: string };

export type ImportOutcome =
  /** The import job ran and ended (done, failed or cancelled). */
  | { kind: 'ended'; job: JobUpdate; uploadId: string | null }
  /** It never became a job: the copy to the host or the call itself failed. */
  | { kind: 'refused'; step: 'upload' | 'start'; error: StevedoreError; uploadId: string | null };

export interface ImportDeps {
  upload(file: File, signal: AbortSignal, onProgress: (sent: number) => void): Promise<{ uploadId: string }>;
  start(args: ArgsIn<'images.import'>): Promise<{ jobId: string }>;
  end(jobId: string): Promise<JobUpdate>;
  toError(err: unknown): StevedoreError;
}

type WireSource = ArgsIn<'images.import'>['source'];

function wireSource(source: ImportSourceChoice, file: PickedFile | null, uploadId: string | null): WireSource {
  if (source.kind === 'url') return { kind: 'url', url: source.url.trim() };
  if (file?.kind === 'path') return { kind: 'path', path: file.path };
  if (uploadId === null) throw new Error('a browser file is imported only once it is on the host');
  return { kind: 'upload', uploadId };
}

/**
 * One import from start to end, independent of the dialog: a browser's file is first copied to the
 * host (the web host cannot read the browser's disk), then imported from there. It runs on if the
 * dialog closes, so a closed dialog never strands an upload that nobody imports.
 *
 * `uploaded` is an earlier copy of the same file that a failed import left on the host: a retry uses
 * it rather than sending the bytes again.
 */
export async function runImport(request: ImportRequest, uploaded: string | null, deps: ImportDeps, onStage: (stage: ImportStage) => void, signal: AbortSignal): Promise<ImportOutcome> {
  const file = request.source.kind === 'file' ? request.source.file : null;
  let uploadId = file?.kind === 'upload-needed' ? uploaded : null;
  if (file?.kind === 'upload-needed' && uploadId === null) {
    const browserFile = file.file;
    onStage({ stage: 'uploading', file: browserFile, sent: 0 });
    try {
      uploadId = (await deps.upload(browserFile, signal, (sent) => onStage({ stage: 'uploading', file: browserFile, sent }))).uploadId;
    } catch (err) {
      return { kind: 'refused', step: 'upload', error: deps.toError(err), uploadId: null };
    }
  }
  onStage({ stage: 'starting' });
  let jobId: string;
  try {
    jobId = (await deps.start({ source: wireSource(request.source, file, uploadId), name: request.name, message: request.message, changes: request.changes })).jobId;
  } catch (err) {
    return { kind: 'refused', step: 'start', error: deps.toError(err), uploadId };
  }
  onStage({ stage: 'importing', jobId });
  return { kind: 'ended', job: await deps.end(jobId), uploadId };
}

/**
 * Whether the host still keeps a copy of the browser's file after this outcome: a finished import
 * used it up (the backend deletes it), and one the host no longer knows is gone already.
 */
export function uploadLeftOnHost(outcome: ImportOutcome): string | null {
  if (outcome.uploadId === null) return null;
  if (outcome.kind === 'ended' && outcome.job.state === 'done') return null;
  const error = outcome.kind === 'ended' ? outcome.job.error : outcome.error;
  if (error?.code === 'NOT_FOUND') return null;
  return outcome.uploadId;
}
