import type { ArgsOut, JobName, JobProgress, JobResult, MethodName, MethodResult } from '../../shared/contract';
import type { EngineConnection } from './engine';
import { imageHistory, imageUsage, inspectImage, listImages } from './images';
import { tagImage } from './tagging';
import { containersUsing, planRemoval, removeContainer, removeImages } from './removal';
import { planPrune, prune } from './prune';
import { ImageFactsCache } from './engine-snapshot';
import type { JobContext, JobManager } from './jobs';

export interface HandlerDeps {
  engine: EngineConnection;
  jobs: JobManager;
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
export function createMethodHandlers({ engine, jobs }: HandlerDeps): MethodHandlers {
  // Previews re-read only images that are new since the last one (IDs are content addresses).
  const facts = new ImageFactsCache();
  return {
    'engine.status': async () => engine.status(),
    'engine.retry': async () => engine.connect(),
    'images.list': async ({ all }) => listImages(await engine.client(), all),
    'images.inspect': async ({ ref }) => inspectImage(await engine.client(), ref),
    'images.history': async ({ ref }) => imageHistory(await engine.client(), ref),
    'images.tag': async ({ source, target }) => tagImage(await engine.client(), source, target),
    'images.removalPlan': async ({ selection, force }) => planRemoval(await engine.client(), selection, force, facts),
    'images.remove': async ({ targets, force }) => removeImages(await engine.client(), targets, force),
    'images.prunePlan': async (filters) => planPrune(await engine.client(), filters, null, facts),
    'images.prune': async ({ filters, untilTimestamp }) => prune(await engine.client(), filters, untilTimestamp, facts),
    'images.containers': async ({ ref }) => containersUsing(await engine.client(), ref),
    'containers.remove': async ({ id }) => removeContainer(await engine.client(), id),
    'jobs.list': async () => jobs.list(),
    'jobs.cancel': async ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
  };
}

export function createJobHandlers({ engine }: HandlerDeps): JobHandlers {
  return {
    'images.usage': {
      title: () => 'docker system df -v',
      run: async (_args, ctx) => {
        ctx.report({ phase: 'asking-engine' });
        const docker = await engine.client();
        return imageUsage(docker, ctx.signal);
      },
    },
  };
}
