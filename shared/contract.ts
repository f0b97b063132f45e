import { z } from 'zod';
import type { EngineChange, EngineStatus } from './engine-types';
import type { HistoryEntry, ImageDetails, ImageSummary } from './image-types';
import type { ImageUsage, JobInfo, JobUpdate, UsageProgress } from './job-types';

/**
 * The one place every backend method is named. Hosts, the renderer's client and argument validation
 * all derive from these objects, so adding a method here is the whole of declaring it.
 */

interface MethodSpec<A extends z.ZodType, R> {
  kind: 'method';
  args: A;
  /** Phantom: carries the result type only. */
  result?: R;
}
interface JobSpec<A extends z.ZodType, P, R> {
  kind: 'job';
  args: A;
  progress?: P;
  result?: R;
}

function method<A extends z.ZodType>(args: A) {
  return { returns: <R>(): MethodSpec<A, R> => ({ kind: 'method', args }) };
}
function job<A extends z.ZodType>(args: A) {
  return {
    reports: <P>() => ({ returns: <R>(): JobSpec<A, P, R> => ({ kind: 'job', args }) }),
  };
}

/** An image named by ID (full or short), name[:tag] or name@digest. The engine resolves it. */
const imageRef = z
  .string()
  .min(1, 'an image ID or reference is required')
  .max(512, 'an image reference is at most 512 characters')
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
  .regex(/^[^\s\u0000-\u001f]+$/, 'an image reference has no spaces or control characters');

const noArgs = z.object({}).strict();

export const methods = {
  'engine.status': method(noArgs).returns<EngineStatus>(),
  /** Try to connect now instead of waiting for the next automatic retry. */
  'engine.retry': method(noArgs).returns<EngineStatus>(),
  'images.list': method(z.object({ all: z.boolean().default(false) }).strict()).returns<ImageSummary[]>(),
  'images.inspect': method(z.object({ ref: imageRef }).strict()).returns<ImageDetails>(),
  'images.history': method(z.object({ ref: imageRef }).strict()).returns<HistoryEntry[]>(),
  'jobs.list': method(noArgs).returns<JobInfo[]>(),
  'jobs.cancel': method(z.object({ jobId: z.string().min(1).max(64) }).strict()).returns<{ cancelled: boolean }>(),
} as const;

export const jobs = {
  /** Per-image shared/unique sizes from the engine's disk-usage report: slow on big hosts, so a job. */
  'images.usage': job(noArgs).reports<UsageProgress>().returns<ImageUsage[]>(),
} as const;

export interface EventMap {
  'engine.status': EngineStatus;
  'engine.changed': EngineChange;
  'job.update': JobUpdate;
}

export type MethodName = keyof typeof methods;
export type JobName = keyof typeof jobs;
export type CallName = MethodName | JobName;
export type EventName = keyof EventMap;

type SpecOf<N extends CallName> = N extends MethodName ? (typeof methods)[N] : N extends JobName ? (typeof jobs)[N] : never;

/** What the caller passes (defaults may be omitted). */
export type ArgsIn<N extends CallName> = z.input<SpecOf<N>['args']>;
/** What the handler receives after validation (defaults filled in). */
export type ArgsOut<N extends CallName> = z.output<SpecOf<N>['args']>;
export type MethodResult<N extends MethodName> = NonNullable<(typeof methods)[N]['result']>;
export type JobResult<N extends JobName> = NonNullable<(typeof jobs)[N]['result']>;
export type JobProgress<N extends JobName> = NonNullable<(typeof jobs)[N]['progress']>;
/** Calling a job starts it and answers at once with its id. */
export type CallResult<N extends CallName> = N extends MethodName ? MethodResult<N> : { jobId: string };

export const methodNames = Object.keys(methods) as MethodName[];
export const jobNames = Object.keys(jobs) as JobName[];
export const callNames: readonly CallName[] = [...methodNames, ...jobNames];
export const eventNames: readonly EventName[] = ['engine.status', 'engine.changed', 'job.update'];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && (callNames as readonly string[]).includes(name);
}
export function isJobName(name: CallName): name is JobName {
  return Object.prototype.hasOwnProperty.call(jobs, name);
}
export function argsSchema(name: CallName): z.ZodType {
  return isJobName(name) ? jobs[name].args : methods[name].args;
}
