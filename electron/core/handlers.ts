import type { ArgsOut, JobName, JobProgress, JobResult, MethodName, MethodResult } from '../../shared/contract';
import type { EngineConnection } from './engine/connection';
import type { EventWatcher } from './engine/events';
import { imageHistory, imageUsage, inspectImage, listImages } from './images/images';
import { tagImage } from './images/tagging';
import { imageContent } from './images/image-content';
import { imageSummaries } from './images/image-summaries';
import type { ListPrefetch } from './images/list-prefetch';
import { planRemoval, removeImages } from './removal/removal';
import { containersUsing, listContainers, removeContainer, startContainer, stopContainer } from './containers/containers';
import { planPrune, prune } from './removal/prune';
import { StoreCaches } from './removal/store';
import type { JobContext, JobManager } from './jobs';
import { SharedRun } from './shared-run';

export interface HandlerDeps {
  engine: EngineConnection;
  jobs: JobManager;
  events: Pick<EventWatcher, 'noteChange'>;
  /** The first `docker images` the host asked for itself, before any window did. */
  prefetch?: ListPrefetch;
}

export type MethodHandlers = { [N in MethodName]: (args: ArgsOut<N>) => Promise<MethodResult<N>> };

export type JobHandlers = {
  [N in JobName]: {
    /** The docker command this job corresponds to, shown in the Tasks list. */
    title: (args: ArgsOut<N>) => string;
    run: (args: ArgsOut<N>, ctx: JobContext<JobProgress<N>>) => Promise<JobResult<N>>;
  };
};

/** The contract's methods, implemented. Arguments arrive already validated. */
export function createMethodHandlers({ engine, jobs, events, prefetch }: HandlerDeps): MethodHandlers {
  // Previews re-read only images that are new since the last one (IDs are content addresses).
  const caches = new StoreCaches();
  const context = async () => ({ store: (await engine.imageStore()).kind, caches });
  return {
    'engine.status': async () => engine.status(),
    'engine.retry': async () => engine.connect(),
    'images.list': async ({ all }) => {
      const docker = await engine.client();
      const early = all ? null : prefetch?.take();
      const rows = (early && (await early.catch(() => null))) || (await listImages(docker, all));
      if ((await engine.imageStore()).kind === 'containerd') caches.containerd.warm(docker, [...new Set(rows.map((r) => r.id))]);
      return rows;
    },
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
    'jobs.list': async () => jobs.list(),
    'jobs.cancel': async ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
  };
}

export function createJobHandlers({ engine }: HandlerDeps): JobHandlers {
  // Two tabs (or a double click) asking at once share one walk: the engine refuses a second.
  const usage = new SharedRun(async (signal) => imageUsage(await engine.client(), signal));
  return {
    'images.usage': {
      title: () => 'docker system df -v',
      run: async (_args, ctx) => {
        ctx.report({ phase: 'asking-engine' });
        return usage.join(ctx.signal);
      },
    },
  };
}
