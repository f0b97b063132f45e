import { z } from 'zod';
import { MAX_EVENT_REFS, type EngineChange, type EngineStatus } from './engine-types';
import type { HistoryEntry, ImageContentFacts, ImageDetails, ImageSummaries, ImageSummary } from './image-types';
import type { ImageUsage, JobInfo, JobUpdate, UsageProgress } from './job-types';
import { MAX_LABEL_FILTER, parseLabelFilter, parseUntil } from './prune-filters';
import { parseTagTarget } from './reference';
import { checkContainerRef, checkImageRef, checkRepositoryName, MAX_IMAGE_REF, quoteValue } from './engine-names';
import type { ContainerBrief, PruneResult, RemovalPlan, RemovalReport } from './removal-types';

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

/** An image named by ID (full or short), name[:tag] or name@digest; see shared/engine-names.ts. */
const imageRef = z
  .string()
  .superRefine((value, ctx) => {
    const verdict = checkImageRef(value);
    if (!verdict.ok) ctx.addIssue({ code: 'custom', message: verdict.message });
  });

const repositoryName = z
  .string()
  .superRefine((value, ctx) => {
    const verdict = checkRepositoryName(value);
    if (!verdict.ok) ctx.addIssue({ code: 'custom', message: verdict.message });
  });

const containerRef = z
  .string()
  .max(255)
  .superRefine((value, ctx) => {
    const verdict = checkContainerRef(value);
    if (!verdict.ok) ctx.addIssue({ code: 'custom', message: verdict.message });
  });

const noArgs = z.object({}).strict();

/** A new name for `docker tag`, checked with the same grammar the dialog uses while the user types. */
const tagTarget = z.string().superRefine((value, ctx) => {
  if (value.length > MAX_IMAGE_REF) return ctx.addIssue({ code: 'custom', message: `a name is at most ${MAX_IMAGE_REF} characters` });
  // The dialog trims what the user typed; on the wire a name carries no spaces.
  if (value.trim() !== value) return ctx.addIssue({ code: 'custom', message: `${quoteValue(value)} has spaces around it: a name has none` });
  const verdict = parseTagTarget(value);
  if (!verdict.ok) ctx.addIssue({ code: 'custom', message: verdict.message });
});

const jobId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a job ID is the UUID that starting the job answered');

const removalSelection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('refs'), refs: z.array(imageRef).min(1, 'choose at least one image').max(10_000) }).strict(),
  z.object({ kind: z.literal('repository'), repository: repositoryName }).strict(),
  z.object({ kind: z.literal('dangling') }).strict(),
  z.object({ kind: z.literal('before'), ref: imageRef }).strict(),
  z.object({ kind: z.literal('since'), ref: imageRef }).strict(),
]);

const pruneFilters = z
  .object({
    all: z.boolean().default(false),
    until: z
      .string()
      .max(64)
      .optional()
      .refine((v) => v === undefined || v.trim() === '' || parseUntil(v, Date.now()).ok, 'until takes a duration like 24h, a date like 2026-01-31, or a Unix timestamp'),
    labels: z
      .array(z.string().max(MAX_LABEL_FILTER).refine((v) => parseLabelFilter(v).ok, 'a label filter looks like label=key or label=key=value (label!=… to exclude)'))
      .max(32)
      .optional(),
  })
  .strict();

export const methods = {
  'engine.status': method(noArgs).returns<EngineStatus>(),
  /** Try to connect now instead of waiting for the next automatic retry. */
  'engine.retry': method(noArgs).returns<EngineStatus>(),
  'images.list': method(z.object({ all: z.boolean().default(false) }).strict()).returns<ImageSummary[]>(),
  /** The list's rows for the images engine events named, so a window patches them instead of listing all. */
  'images.summaries': method(z.object({ refs: z.array(imageRef).min(1).max(MAX_EVENT_REFS) }).strict()).returns<ImageSummaries>(),
  'images.inspect': method(z.object({ ref: imageRef }).strict()).returns<ImageDetails>(),
  'images.history': method(z.object({ ref: imageRef }).strict()).returns<HistoryEntry[]>(),
  /** Platforms and content bytes, as the image's store keeps them (containerd: read once per image ID). */
  'images.content': method(z.object({ ref: imageRef }).strict()).returns<ImageContentFacts>(),
  'images.tag': method(z.object({ source: imageRef, target: tagTarget }).strict()).returns<{ target: string; full: string }>(),
  /** What `docker rmi` of a selection would do, computed on a copy of the engine's graph. */
  'images.removalPlan': method(z.object({ selection: removalSelection, force: z.boolean().default(false) }).strict()).returns<RemovalPlan & { targets: string[] }>(),
  'images.remove': method(z.object({ targets: z.array(imageRef).min(1).max(10_000), force: z.boolean().default(false) }).strict()).returns<RemovalReport>(),
  'images.prunePlan': method(pruneFilters).returns<RemovalPlan & { untilTimestamp: number | null }>(),
  /** Prune with the cut-off the preview used, so both describe the same instant. */
  'images.prune': method(z.object({ filters: pruneFilters, untilTimestamp: z.number().int().nullable().default(null) }).strict()).returns<PruneResult>(),
  'images.containers': method(z.object({ ref: imageRef }).strict()).returns<ContainerBrief[]>(),
  /** `docker ps -a`. */
  'containers.list': method(noArgs).returns<ContainerBrief[]>(),
  'containers.start': method(z.object({ id: containerRef }).strict()).returns<{ started: string }>(),
  'containers.stop': method(z.object({ id: containerRef }).strict()).returns<{ stopped: string }>(),
  /** `docker rm` of a stopped container; a running one is refused with CONFLICT. */
  'containers.remove': method(z.object({ id: containerRef }).strict()).returns<{ removed: string }>(),
  'jobs.list': method(noArgs).returns<JobInfo[]>(),
  'jobs.cancel': method(z.object({ jobId }).strict()).returns<{ cancelled: boolean }>(),
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
