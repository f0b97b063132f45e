import * as z from 'zod';
import { MAX_EVENT_REFS, type EngineChange, type EngineStatus } from './engine-types';
import type { HistoryEntry, ImageContentFacts, ImageDetails, ImageSummaries, ImageSummary } from './image-types';
import type { ImageUsage, JobDismissal, JobUpdate, UsageProgress } from './job-types';
import type { ArchivePreview, ByteProgress, ExportResult, ImportResult, LoadResult, SaveResult } from './archive-types';
import { checkHostPath } from './host-path';
import { checkChange, MAX_CHANGES } from './image-changes';
import { UPLOAD_ID } from './uploads';
import { MAX_LABEL_FILTER, parseLabelFilter, parseUntil } from './prune-filters';
import { parseReference, parseTagTarget } from './reference';
import { PLATFORM } from './platform';
import { checkContainerRef, checkImageRef, checkRepositoryName, MAX_IMAGE_REF, quoteValue } from './engine-names';
import type { ContainerBrief, PruneResult, RemovalPlan, RemovalReport } from './removal-types';
import { CHANGE_KINDS, type BaseImage, type ImageCompare, type LayerAnalysis, type TreePage } from './layer-types';
import type { DiskUsage } from './disk-types';
import type { LayerSharing, SharingProgress } from './sharing-types';
import { prefixMirror, type CatalogPage, type RegistryBrowse, type RemoteManifest, type TagPage, type HubResult, type MirrorCheck, type MirrorSettings, type PullResult, type PushResult, type RegistryLogin, type RegistryLogins, type TransferProgress } from './registry-types';

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
const MAX_DISMISS = 100;

/** A new name for `docker tag`, checked with the same grammar the dialog uses while the user types. */
const tagTarget = z.string().superRefine((value, ctx) => {
  if (value.length > MAX_IMAGE_REF) return ctx.addIssue({ code: 'custom', message: `a name is at most ${MAX_IMAGE_REF} characters` });
  // The dialog trims what the user typed; on the wire a name carries no spaces.
  if (value.trim() !== value) return ctx.addIssue({ code: 'custom', message: `${quoteValue(value)} has spaces around it: a name has none` });
  const verdict = parseTagTarget(value);
  if (!verdict.ok) ctx.addIssue({ code: 'custom', message: verdict.message });
});

/** What `docker pull` takes: a name with a tag or a digest (normalised on our side as docker does). */
const pullReference = z.string().superRefine((value, ctx) => {
  if (value.length > MAX_IMAGE_REF) return ctx.addIssue({ code: 'custom', message: `a name is at most ${MAX_IMAGE_REF} characters` });
  if (value.trim() !== value) return ctx.addIssue({ code: 'custom', message: `${quoteValue(value)} has spaces around it: a name has none` });
  const verdict = parseReference(value);
  if (!verdict.ok) ctx.addIssue({ code: 'custom', message: verdict.message });
});

/** A registry host as `docker login` takes it: docker.io, registry.example.com, 127.0.0.1:5000, [::1]:5000. */
const registryHost = z
  .string()
  .max(255)
  .superRefine((value, ctx) => {
    const verdict = parseReference(`${value}/x`);
    const ok = verdict.ok && (verdict.ref.domain === value || (value === 'index.docker.io' && verdict.ref.domain === 'docker.io'));
    if (!ok || value === '') ctx.addIssue({ code: 'custom', message: 'a registry is a host with an optional port, e.g. registry.example.com or 127.0.0.1:5000 (no https://, no path)' });
  });

/** A password or token: kept out of every message that could echo it back. */
const secret = z.string().min(1, 'enter the password or access token').max(8192, 'a password or token is at most 8192 characters');

const jobId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a job ID is the UUID that starting the job answered');

/** A full file path on the machine the backend runs on. */
const hostPath = z.string().superRefine((value, ctx) => {
  const verdict = checkHostPath(value);
  if (!verdict.ok) ctx.addIssue({ code: 'custom', message: verdict.message });
});

/** A file to read: a path the backend can open, or one the web host received from the browser. */
const fileSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: hostPath }).strict(),
  z.object({ kind: z.literal('upload'), uploadId: z.string().regex(UPLOAD_ID, 'an upload ID is what the upload answered') }).strict(),
]);

/** `docker import` can also fetch a URL itself (the engine does, so it must reach it). */
const importSource = z.union([
  fileSource,
  z
    .object({
      kind: z.literal('url'),
      url: z
        .string()
        .max(2048)
        .refine((v) => /^https?:\/\/[^\s]+$/.test(v) && URL.canParse(v), 'a URL starts with http:// or https://'),
    })
    .strict(),
]);

const changes = z
  .array(
    z.string().superRefine((value, ctx) => {
      const verdict = checkChange(value);
      if (!verdict.ok) ctx.addIssue({ code: 'custom', message: verdict.message });
    }),
  )
  .max(MAX_CHANGES)
  .default([]);

const freeText = (max: number) => z.string().max(max).refine((v) => !v.includes('\0'), 'no NUL characters').default('');

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

/** `linux/amd64`, `linux/arm64/v8`: the platform of a multi-platform image to read; null for the engine's pick. */
const platform = z
  .string()
  .max(100)
  .regex(PLATFORM, 'a platform looks like linux/amd64 or linux/arm64/v8')
  .nullable()
  .default(null);

/** An analysed image, by the full ID the analysis answered with. */
const analysedImage = z.object({ imageId: z.string().regex(/^sha256:[a-f0-9]{64}$/, 'the full image ID (sha256:…)'), platform }).strict();

const treePath = z
  .string()
  .max(4096)
  .refine((v) => !v.includes('\0') && !v.startsWith('/') && !v.endsWith('/'), 'a path inside the image, without a leading or trailing slash ("" is the root)');

export const methods = {
  'engine.status': method(noArgs).returns<EngineStatus>(),
  /** Try to connect now instead of waiting for the next automatic retry. */
  'engine.retry': method(noArgs).returns<EngineStatus>(),
  'images.list': method(z.object({ all: z.boolean().default(false) }).strict()).returns<ImageSummary[]>(),
  /** Whether the engine changed since the list the web host wrote into the page (see first-list). */
  'images.changedSince': method(z.object({ generation: z.number().int().min(0) }).strict()).returns<boolean>(),
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
  /** What an image archive holds and which local names loading it would replace; the engine is not touched. */
  'archives.preview': method(z.object({ source: fileSource }).strict()).returns<ArchivePreview>(),
  /** Drop a file the web host received but the user decided not to load. */
  'uploads.discard': method(z.object({ uploadId: z.string().regex(UPLOAD_ID) }).strict()).returns<{ discarded: boolean }>(),
  /** Where the backend runs, so a save dialog can suggest a path on that machine. */
  'host.paths': method(noArgs).returns<{ home: string; downloads: string | null; separator: '/' | '\\' }>(),
  /** One folder of an analysed layer: its changes, or the whole filesystem up to it; filtered by path and change. */
  'layers.tree': method(
    analysedImage
      .extend({
        layer: z.number().int().min(0).max(10_000),
        view: z.enum(['changes', 'merged']),
        dir: treePath,
        filter: z.object({ text: z.string().max(256).default(''), kinds: z.array(z.enum(CHANGE_KINDS)).max(3).default([]) }).strict().default({ text: '', kinds: [] }),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(20_000).default(5000),
      })
      .strict(),
  ).returns<TreePage>(),
  /** The local image this one was built on (the longest whole layer list under it), or null. */
  'layers.base': method(z.object({ imageId: analysedImage.shape.imageId }).strict()).returns<{ base: BaseImage | null }>(),
  /** Two analysed images: the layers they share and how the second's files differ from the first's. */
  'layers.compare': method(z.object({ a: analysedImage, b: analysedImage }).strict()).returns<ImageCompare>(),
  /** Every registry the user has credentials for, and where they are kept (never the secrets). */
  'registries.logins': method(noArgs).returns<RegistryLogins>(),
  /** `docker login`: the engine checks the credentials with the registry before anything is kept. */
  'registries.login': method(z.object({ registry: registryHost, username: z.string().min(1).max(256), password: secret }).strict()).returns<RegistryLogin>(),
  /** `docker logout`: forgets what Stevedore keeps; a login in the user's config.json is theirs to remove. */
  'registries.logout': method(z.object({ registry: registryHost }).strict()).returns<{ removed: boolean; source: RegistryLogin['source'] | null }>(),
  /** `docker search`: the engine asks Docker Hub; offline that is a clear NETWORK error within seconds. */
  'registries.searchHub': method(z.object({ term: z.string().trim().min(1, 'type what to search for').max(256), limit: z.number().int().min(1).max(100).default(25) }).strict()).returns<HubResult[]>(),
  /** The engine's Docker Hub mirrors and insecure registries (docker info), and the user's prefix mirrors. */
  'registries.mirrors': method(noArgs).returns<MirrorSettings>(),
  /** Remembers the user's prefix mirrors, in the order pulls try them. */
  'registries.setPrefixMirrors': method(z.object({ prefixMirrors: z.array(prefixMirror).max(20) }).strict()).returns<MirrorSettings>(),
  /** Whether a prefix mirror answers as a registry, and its round trip. */
  'registries.checkMirror': method(z.object({ mirror: prefixMirror }).strict()).returns<MirrorCheck>(),
  /** Registries browsed before (remembered per user). */
  'registries.browsed': method(noArgs).returns<RegistryBrowse>(),
  /** A page of a private registry's repositories (`/v2/_catalog`); remembers the registry. */
  'registries.catalog': method(z.object({ registry: registryHost, last: z.string().max(512).optional() }).strict()).returns<CatalogPage>(),
  'registries.tags': method(z.object({ registry: registryHost, repository: z.string().min(1).max(512), last: z.string().max(512).optional() }).strict()).returns<TagPage>(),
  /** A tag's (or digest's) manifest: its digest, platforms, layers and when it was built. */
  'registries.manifest': method(z.object({ registry: registryHost, repository: z.string().min(1).max(512), reference: z.string().min(1).max(200) }).strict()).returns<RemoteManifest>(),
  /** Deletes a manifest by digest, which removes every tag pointing at it, where the registry allows it. */
  'registries.deleteManifest': method(z.object({ registry: registryHost, repository: z.string().min(1).max(512), digest: z.string().regex(/^sha256:[a-f0-9]{64}$/, 'a manifest digest (sha256:…)') }).strict()).returns<{ deleted: string }>(),
  'jobs.list': method(noArgs).returns<JobUpdate[]>(),
  'jobs.cancel': method(z.object({ jobId }).strict()).returns<{ cancelled: boolean }>(),
  /** Forget finished jobs in every window: some by ID, or all of them. */
  'jobs.dismiss': method(z.object({ jobIds: z.union([z.array(jobId).max(MAX_DISMISS), z.literal('finished')]) }).strict()).returns<{ dismissed: string[] }>(),
} as const;

export const jobs = {
  /** Per-image shared/unique sizes from the engine's disk-usage report: slow on big hosts, so a job. */
  'images.usage': job(noArgs).reports<UsageProgress>().returns<ImageUsage[]>(),
  /** `docker system df`: images, containers, local volumes and build cache; the same slow engine walk, so a job. */
  'system.df': job(noArgs).reports<UsageProgress>().returns<DiskUsage>(),
  /** What every layer adds, changes and removes, read once from the image's save stream (never written to disk). */
  'layers.analyse': job(z.object({ ref: imageRef, platform }).strict()).reports<ByteProgress>().returns<LayerAnalysis>(),
  /** Which images share which layers, and what removing each alone frees: reads every image, so a job. */
  'layers.sharing': job(noArgs).reports<SharingProgress>().returns<LayerSharing>(),
  /** `docker pull`: per-layer progress; the registry's refusals become AUTH, NOT_FOUND, NETWORK or TIMEOUT. */
  'images.pull': job(z.object({ ref: pullReference, platform, via: z.array(prefixMirror).max(20).default([]), fallback: z.boolean().default(true) }).strict()).reports<TransferProgress>().returns<PullResult>(),
  /** `docker push name:tag`: one tag, with the login kept for its registry. */
  'images.push': job(z.object({ ref: tagTarget }).strict()).reports<TransferProgress>().returns<PushResult>(),
  /** `docker save -o`: streamed to a file beside the target, renamed only when complete. */
  'images.save': job(
    z.object({ refs: z.array(imageRef).min(1, 'choose at least one image').max(1000), path: hostPath, gzip: z.boolean().default(false), overwrite: z.boolean().default(false) }).strict(),
  )
    .reports<ByteProgress>()
    .returns<SaveResult>(),
  /** `docker load -i`: the archive is read through first (archives.preview), so a bad file never reaches the engine. */
  'archives.load': job(z.object({ source: fileSource }).strict()).reports<ByteProgress>().returns<LoadResult>(),
  /** `docker import`: a filesystem tar becomes a one-layer image, with optional `-c` changes. */
  'images.import': job(
    z.object({ source: importSource, name: tagTarget.optional(), message: freeText(4096), changes }).strict(),
  )
    .reports<ByteProgress>()
    .returns<ImportResult>(),
  /** `docker export -o`: a container's filesystem, streamed and renamed into place like a save. */
  'containers.export': job(z.object({ id: containerRef, path: hostPath, overwrite: z.boolean().default(false) }).strict())
    .reports<ByteProgress>()
    .returns<ExportResult>(),
  /** `docker commit`: pauses the container while it is copied, unless told not to (as the CLI). */
  'containers.commit': job(
    z.object({ id: containerRef, name: tagTarget.optional(), author: freeText(256), message: freeText(4096), changes, pause: z.boolean().default(true) }).strict(),
  )
    .reports<{ phase: 'committing' }>()
    .returns<ImportResult>(),
} as const;

/**
 * Byte streams the web host serves over plain HTTP beside the WebSocket (a file of any size cannot ride
 * a frame). Their arguments are validated with these schemas, like any call.
 */
export const streams = {
  /** `docker save` straight into the browser's download: no buffering, no size limit. */
  'images.download': { method: 'GET', args: z.object({ refs: z.array(imageRef).min(1).max(100), gzip: z.boolean().default(false) }).strict() },
  /** A file from the browser, stored on the host until loaded or discarded; answers `{ uploadId, jobId }`. */
  'uploads.create': {
    method: 'POST',
    args: z
      .object({
        fileName: z
          .string()
          .min(1)
          .max(255)
          .refine((v) => !/[\0/\\]/.test(v), 'a file name without slashes'),
      })
      .strict(),
  },
} as const;
export type StreamName = keyof typeof streams;
export type StreamArgs<N extends StreamName> = z.input<(typeof streams)[N]['args']>;


export interface EventMap {
  'engine.status': EngineStatus;
  'engine.changed': EngineChange;
  'job.update': JobUpdate;
  'jobs.dismissed': JobDismissal;
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
export const eventNames: readonly EventName[] = ['engine.status', 'engine.changed', 'job.update', 'jobs.dismissed'];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && (callNames as readonly string[]).includes(name);
}
export function isJobName(name: CallName): name is JobName {
  return Object.prototype.hasOwnProperty.call(jobs, name);
}
export function argsSchema(name: CallName): z.ZodType {
  return isJobName(name) ? jobs[name].args : methods[name].args;
}
