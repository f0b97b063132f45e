import type { ArgsOut, JobName, JobProgress, JobResult, MethodName, MethodResult } from '../../shared/contract';
import type { EngineConnection } from './engine/connection';
import type { EventWatcher } from './engine/events';
import { imageHistory, inspectImage, listImages, toImageUsage } from './images/images';
import { readSystemDf } from './disk/system-df';
import { summariseDf } from './disk/disk-summary';
import { tagImage } from './images/tagging';
import { imageContent } from './images/image-content';
import { imageSummaries } from './images/image-summaries';
import type { ListPrefetch } from './images/list-prefetch';
import { planRemoval, removeImages } from './removal/removal';
import { containersUsing, listContainers, removeContainer, startContainer, stopContainer } from './containers/containers';
import { planPrune, prune } from './removal/prune';
import type { StoreCaches } from './removal/store';
import { readLayerSharing } from './layers/layer-sharing';
import type { JobContext, JobManager } from './jobs';
import { SharedRun } from './shared-run';
import { homedir } from 'node:os';
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { layerListCommand, SHARING_COMMAND } from '../../shared/layer-commands';
import { commitCommand, exportCommand, importCommand, loadCommand, saveCommand } from '../../shared/file-commands';
import { commitContainer, exportContainer } from './containers/container-files';
import { previewArchive } from './files/archive-preview';
import { importFile, importUrl } from './files/import';
import { loadArchive } from './files/load';
import { saveImages } from './files/save';
import { openSource, type FileSource } from './files/sources';
import { checkTarget } from './files/atomic-file';
import type { UploadArea } from './files/uploads';
import type { ImageLayers } from './layers/image-layers';
import { compareImages } from './layers/image-compare';
import type { Credentials } from './registries/credentials';
import { registryLabel } from './registries/credentials';
import { checkLogin } from './registries/login';
import { searchHub } from './registries/hub-search';
import { checkMirror, daemonRegistryConfig, reachedInsecurely } from './registries/mirrors';
import { deleteManifest, getManifest, listRepositories, listTags, type RegistryApiOptions } from './registries/registry-api';
import type { UserSettings } from './settings/user-settings';
import { pullImage } from './registries/pull';
import { pushImage } from './registries/push';
import { pullCommand, pushCommand } from '../../shared/registry-commands';

export interface HandlerDeps {
  engine: EngineConnection;
  jobs: JobManager;
  events: Pick<EventWatcher, 'noteChange'>;
  /** The first `docker images` the host asked for itself, before any window did. */
  prefetch?: ListPrefetch;
  /** Files the web host received from browsers. */
  uploads: UploadArea;
  /** Images whose layers were read, for their file trees. */
  layers: ImageLayers;
  /** What removal previews and the layer-sharing view keep per image ID between calls. */
  caches: StoreCaches;
  /** Registry logins: the user's docker config and helpers, and what was logged in here. */
  credentials: Credentials;
  /** The user's remembered registry choices (prefix mirrors, registries browsed). */
  userSettings: UserSettings;
}

export type MethodHandlers = { [N in MethodName]: (args: ArgsOut<N>) => Promise<MethodResult<N>> };

export type JobHandlers = {
  [N in JobName]: {
    /** The docker command this job corresponds to, shown in the Tasks list. */
    title: (args: ArgsOut<N>) => string;
    /**
     * Checks that can fail at once (a file that exists, a folder that does not): the call itself fails,
     * so the dialog can ask "replace?" instead of a job failing in the Tasks list.
     */
    prepare?: (args: ArgsOut<N>) => Promise<void>;
    run: (args: ArgsOut<N>, ctx: JobContext<JobProgress<N>>) => Promise<JobResult<N>>;
  };
};

/** The contract's methods, implemented. Arguments arrive already validated. */
export function createMethodHandlers({ engine, jobs, events, prefetch, uploads, layers, caches, credentials, userSettings }: HandlerDeps): MethodHandlers {
  /** How to reach a registry ourselves: the user's login for it, plain HTTP where the engine uses it too. */
  const registryApi = async (registry: string): Promise<RegistryApiOptions> => ({
    registry,
    auth: await credentials.authFor(registry),
    insecure: reachedInsecurely(registry, await daemonRegistryConfig(await engine.client())),
  });
  const context = async () => ({ store: (await engine.imageStore()).kind, caches });
  return {
    'engine.status': async () => engine.status(),
    'engine.retry': async () => engine.connect(),
    'images.list': async ({ all }) => {
      const docker = await engine.client();
      const early = all ? null : prefetch?.take();
      const rows = (early && (await early.rows.catch(() => null))) || (await listImages(docker, all));
      if ((await engine.imageStore()).kind === 'containerd') caches.containerd.warm(docker, [...new Set(rows.map((r) => r.id))]);
      return rows;
    },
    'images.changedSince': async ({ generation }) => !prefetch || prefetch.generation !== generation,
    'images.summaries': async ({ refs }) => imageSummaries(await engine.client(), (await engine.imageStore()).kind, refs),
    'images.inspect': async ({ ref }) => inspectImage(await engine.client(), ref),
    'images.history': async ({ ref }) => imageHistory(await engine.client(), ref),
    'images.content': async ({ ref }) => imageContent(await engine.client(), (await engine.imageStore()).kind, ref, caches.containerd),
    'images.tag': async ({ source, target }) => tagImage(await engine.client(), source, target),
    'images.removalPlan': async ({ selection, force }) => planRemoval(await engine.client(), await context(), selection, force),
    'images.remove': async ({ targets, force }) => {
      const report = await removeImages(await engine.client(), await context(), targets, force);
      events.noteChange(['images'], 'stevedore:remove');
      return report;
    },
    'images.prunePlan': async (filters) => planPrune(await engine.client(), await context(), filters, null),
    'images.prune': async ({ filters, untilTimestamp }) => {
      const result = await prune(await engine.client(), await context(), filters, untilTimestamp);
      events.noteChange(['images'], 'stevedore:prune');
      return result;
    },
    'images.containers': async ({ ref }) => containersUsing(await engine.client(), ref),
    'containers.list': async () => listContainers(await engine.client()),
    'containers.start': async ({ id }) => startContainer(await engine.client(), id),
    'containers.stop': async ({ id }) => stopContainer(await engine.client(), id),
    'containers.remove': async ({ id }) => removeContainer(await engine.client(), id),
    'archives.preview': async ({ source }) => {
      const opened = await openSource(source, uploads);
      return previewArchive(await engine.client(), (await engine.imageStore()).kind, opened, AbortSignal.timeout(60 * 60 * 1000));
    },
    'uploads.discard': async ({ uploadId }) => ({ discarded: await uploads.discard(uploadId) }),
    'host.paths': async () => {
      const home = homedir();
      const downloads = join(home, 'Downloads');
      return { home, downloads: existsSync(downloads) ? downloads : null, separator: sep === '\\' ? '\\' : '/' };
    },
    'layers.tree': async ({ imageId, platform, layer, view, dir, filter, offset, limit }) => layers.tree({ imageId, platform, layer, view, dir, filter, offset, limit }),
    'layers.base': async ({ imageId }) => ({ base: await layers.base(imageId) }),
    'layers.compare': async ({ a, b }) => compareImages(layers.analysed(a.imageId, a.platform), layers.analysed(b.imageId, b.platform)),
    'registries.logins': async () => {
      const { logins, problems } = await credentials.list();
      return { logins: logins.map((l) => ({ ...l, registry: registryLabel(l.registry) })), problems };
    },
    'registries.login': async ({ registry, username, password }) => {
      const { identityToken } = await checkLogin(await engine.client(), registry, username, password);
      const login = await credentials.save(registry, username, identityToken ?? password);
      return { ...login, registry: registryLabel(login.registry) };
    },
    'registries.logout': async ({ registry }) => credentials.remove(registry),
    'registries.mirrors': async () => {
      const [daemon, { settings, problem }] = await Promise.all([daemonRegistryConfig(await engine.client()), userSettings.read()]);
      return { daemon, prefixMirrors: settings.prefixMirrors, problem };
    },
    'registries.setPrefixMirrors': async ({ prefixMirrors }) => {
      const saved = await userSettings.update((s) => ({ ...s, prefixMirrors }));
      return { daemon: await daemonRegistryConfig(await engine.client()), prefixMirrors: saved.prefixMirrors, problem: null };
    },
    'registries.checkMirror': async ({ mirror }) => checkMirror(mirror, await daemonRegistryConfig(await engine.client())),
    'registries.browsed': async () => ({ registries: (await userSettings.read()).settings.registries }),
    'registries.catalog': async ({ registry, last }) => {
      const page = await listRepositories(await registryApi(registry), { last, n: 100 });
      // Reached and answered: worth offering again.
      await userSettings.update((s) => ({ ...s, registries: [registry, ...s.registries.filter((r) => r !== registry)].slice(0, 20) }));
      return page;
    },
    'registries.tags': async ({ registry, repository, last }) => listTags(await registryApi(registry), repository, { last, n: 100 }),
    'registries.manifest': async ({ registry, repository, reference }) => getManifest(await registryApi(registry), repository, reference),
    'registries.deleteManifest': async ({ registry, repository, digest }) => {
      await deleteManifest(await registryApi(registry), repository, digest);
      return { deleted: digest };
    },
    'registries.searchHub': async ({ term, limit }) => searchHub(await engine.client(), term, limit),
    'jobs.list': async () => jobs.list(),
    'jobs.cancel': async ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    'jobs.dismiss': async ({ jobIds }) => ({ dismissed: jobs.dismiss(jobIds) }),
  };
}

/** How the Tasks panel names a file: its path, or for an upload the name the browser gave. */
function sourceLabel(source: FileSource, uploads: UploadArea): string {
  if (source.kind === 'path') return source.path;
  try {
    return uploads.resolve(source.uploadId).fileName;
  } catch {
    return 'uploaded file';
  }
}

export function createJobHandlers({ engine, events, uploads, layers, caches, credentials }: HandlerDeps): JobHandlers {
  // Two tabs (or a double click, or the details panel and the Disk usage view) asking at once share
  // one walk: the engine refuses a second ("a disk usage operation is already running").
  const df = new SharedRun(async (signal) => readSystemDf(await engine.client(), signal));
  return {
    'images.usage': {
      title: () => 'docker system df -v',
      run: async (_args, ctx) => {
        ctx.report({ phase: 'asking-engine' });
        return toImageUsage(await df.join(ctx.signal));
      },
    },
    'system.df': {
      title: () => 'docker system df',
      run: async (_args, ctx) => {
        ctx.report({ phase: 'asking-engine' });
        return summariseDf(await df.join(ctx.signal), Date.now());
      },
    },
    'layers.analyse': {
      title: ({ ref }) => layerListCommand(ref),
      run: async (args, ctx) => layers.analyse(args, ctx),
    },
    'layers.sharing': {
      title: () => SHARING_COMMAND,
      run: async (_args, ctx) => readLayerSharing(await engine.client(), { store: (await engine.imageStore()).kind, caches }, (p) => ctx.report(p), ctx.signal),
    },
    'images.pull': {
      title: ({ ref, platform, via }) => pullCommand(ref, platform, via[0]?.prefix ?? null),
      run: async (args, ctx) => pullImage(await engine.client(), args, credentials, ctx),
    },
    'images.push': {
      title: ({ ref }) => pushCommand(ref),
      run: async ({ ref }, ctx) => pushImage(await engine.client(), ref, credentials, ctx),
    },
    'images.save': {
      title: ({ refs, path, gzip }) => saveCommand(refs, path, gzip),
      prepare: ({ path, overwrite }) => checkTarget(path, overwrite),
      run: async (args, ctx) => saveImages(await engine.client(), args, ctx),
    },
    'archives.load': {
      title: ({ source }) => loadCommand(sourceLabel(source, uploads)),
      prepare: async ({ source }) => void (await openSource(source, uploads)),
      run: async ({ source }, ctx) => {
        const opened = await openSource(source, uploads);
        const release = opened.upload ? uploads.claim(opened.upload) : () => undefined;
        try {
          const result = await loadArchive(await engine.client(), opened, ctx);
          events.noteChange(['images'], 'stevedore:load');
          return result;
        } finally {
          release();
          // Loaded, failed or cancelled, the host's copy of a browser's file has done its work: the
          // dialog never loads the same copy twice (a 1 GiB copy per cancelled load stayed an hour).
          if (opened.upload) await uploads.discard(opened.upload);
        }
      },
    },
    'images.import': {
      title: ({ source, name, message, changes }) => importCommand(source.kind === 'url' ? source.url : sourceLabel(source, uploads), name, message, changes),
      run: async ({ source, ...args }, ctx) => {
        const docker = await engine.client();
        if (source.kind === 'url') return importUrl(docker, source.url, args, ctx);
        const opened = await openSource(source, uploads);
        const release = opened.upload ? uploads.claim(opened.upload) : () => undefined;
        try {
          const result = await importFile(docker, opened, args, ctx);
          // A failed import keeps the copy: its dialog may try again with another name (see import-flow).
          if (opened.upload) await uploads.discard(opened.upload);
          return result;
        } finally {
          release();
        }
      },
    },
    'containers.export': {
      title: ({ id, path }) => exportCommand(id, path),
      prepare: ({ path, overwrite }) => checkTarget(path, overwrite),
      run: async (args, ctx) => exportContainer(await engine.client(), args, ctx),
    },
    'containers.commit': {
      title: ({ id, name, ...options }) => commitCommand(id, name, options),
      run: async (args, ctx) => commitContainer(await engine.client(), args, ctx),
    },
  };
}
