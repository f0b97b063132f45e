import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import type { ByteProgress } from '../../../shared/archive-types';
import { BackendError } from '../../../shared/errors';
import type { LayerAnalysis, TreePage, TreeView } from '../../../shared/layer-types';
import { compressionFailureOf } from '../archives/compression';
import { imageObject } from '../engine/engine-objects';
import { toBackendError } from '../engine/engine-errors';
import { saveStream } from '../files/save';
import type { JobContext } from '../jobs';
import { AnalysisCache } from './analysis-cache';
import { BaseImages } from './base-image';
import { analyse, type AnalysedImage } from './layer-analysis';
import { EntryBudget, LayerProblem } from './layer-tar';
import { buildTree, type TreeFilter } from './layer-tree';
import { pickImage } from './saved-image';
import { walkSave } from './save-walk';

export interface AnalyseArgs {
  ref: string;
  platform: string | null;
}

function failure(error: unknown, signal: AbortSignal): BackendError {
  if (signal.aborted) return new BackendError('CANCELLED', 'Reading the layers was cancelled.');
  if (error instanceof BackendError) return error;
  if (error instanceof LayerProblem) return new BackendError(error.code, error.message, error.hint);
  const compression = compressionFailureOf(error);
  if (compression) return new BackendError('ENGINE_ERROR', `A layer of the image could not be decompressed (${compression.format}).`, 'The image may be damaged in the store: pull or build it again.', compression.detail);
  return toBackendError(error, 'Reading the layers');
}

/** Reads an image's layers through `docker save` (the one way both stores give them) and keeps the result. */
export class ImageLayers {
  readonly cache = new AnalysisCache();
  readonly bases = new BaseImages();

  constructor(private readonly docker: () => Promise<Docker>) {}

  async analyse(args: AnalyseArgs, ctx: JobContext<ByteProgress>): Promise<LayerAnalysis> {
    const docker = await this.docker();
    let info: { Id: string; Size?: number };
    try {
      info = (await imageObject(docker, args.ref).inspect()) as { Id: string; Size?: number };
    } catch (error) {
      throw toBackendError(error, `Reading the layers of ${args.ref}`);
    }
    const key = AnalysisCache.key(info.Id, args.platform);
    const cached = this.cache.get(key);
    if (cached) return cached.summary;
    const total = info.Size ?? null;
    ctx.report({ bytes: 0, total, estimated: true, phase: 'reading' });
    let source: Readable | null = null;
    try {
      // By ID: a name could move to another image while the stream runs.
      source = await saveStream(docker, [info.Id], ctx.signal);
      const abort = () => source?.destroy(new Error('cancelled'));
      ctx.signal.addEventListener('abort', abort, { once: true });
      try {
        const saved = await walkSave(source, new EntryBudget(), (bytes) => ctx.report({ bytes, total, estimated: true, phase: 'reading' }));
        const image = pickImage(saved.scan, args.platform);
        const contents = image.layerPaths.map((path) => {
          const layer = saved.layers.get(path);
          if (!layer) throw new LayerProblem(`The layer ${path.slice(0, 80)} in the save stream is not a tar file.`, 'The image may be damaged in the store: pull or build it again.', 'ENGINE_ERROR');
          return layer;
        });
        const analysed = analyse(contents, image.config, { imageId: info.Id, platform: image.platform, platforms: image.platforms, archiveBytes: image.layerBytes, readBytes: saved.scan.tarBytes });
        this.cache.set(key, analysed);
        // Asked for no platform, the answer is also the analysis of the one it picked.
        if (args.platform === null && image.platform !== null) this.cache.set(AnalysisCache.key(info.Id, image.platform), analysed);
        return analysed.summary;
      } finally {
        ctx.signal.removeEventListener('abort', abort);
      }
    } catch (error) {
      throw failure(error, ctx.signal);
    } finally {
      source?.destroy();
    }
  }

  async base(imageId: string) {
    try {
      return await this.bases.find(await this.docker(), imageId);
    } catch (error) {
      throw toBackendError(error, 'Finding the base image');
    }
  }

  analysed(imageId: string, platform: string | null): AnalysedImage {
    const found = this.cache.get(AnalysisCache.key(imageId, platform));
    if (!found) throw new BackendError('NOT_FOUND', 'That image’s layers are not read (or no longer kept).', 'Open its layers again to read them.').translatedAs('layers.notRead', {});
    return found;
  }

  tree(args: { imageId: string; platform: string | null; layer: number; view: TreeView; dir: string; filter: TreeFilter; offset: number; limit: number }): TreePage {
    const image = this.analysed(args.imageId, args.platform);
    if (args.layer >= image.contents.length) throw new BackendError('INVALID_ARGUMENT', `The image has ${image.contents.length} layers; there is no layer ${args.layer}.`);
    const key = AnalysisCache.key(args.imageId, args.platform);
    const index = this.cache.treeOf(key, args.layer, args.view, args.filter, () => buildTree(image, args.layer, args.view, args.filter));
    return index.page(args.dir, args.offset, args.limit);
  }
}
