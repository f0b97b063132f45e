import type Docker from 'dockerode';

/** The fields of the engine's `/system/df` answer (API < 1.52) that Stevedore reads. */
export interface RawDfImage {
  Id: string;
  RepoTags?: string[] | null;
  Created?: number;
  /** -1 when the engine did not compute it. */
  Size: number;
  SharedSize: number;
  /** -1 when the engine did not count them. */
  Containers: number;
}

export interface RawDfContainer {
  State?: string;
  /** Absent (20.10) or null when the engine did not compute it. */
  SizeRw?: number | null;
}

export interface RawDfVolume {
  UsageData?: { Size: number; RefCount: number } | null;
}

export interface RawDfBuildCache {
  Size?: number;
  InUse?: boolean;
  Shared?: boolean;
}

export interface RawDf {
  /** Every image layer's bytes counted once: what `docker system df` shows as the images' SIZE. */
  LayersSize?: number;
  Images?: RawDfImage[] | null;
  Containers?: RawDfContainer[] | null;
  Volumes?: RawDfVolume[] | null;
  BuildCache?: RawDfBuildCache[] | null;
}

/**
 * The engine's disk-usage report (`docker system df -v` asks the same). The engine walks every layer
 * and container for it, so this can take seconds on a big host; the signal aborts the request.
 */
export async function readSystemDf(docker: Docker, signal: AbortSignal): Promise<RawDf> {
  // dockerode accepts an abort signal here, but its type definitions do not declare the options.
  const dfWithOptions = docker.df as unknown as (this: Docker, opts: { abortSignal: AbortSignal }) => Promise<RawDf>;
  return dfWithOptions.call(docker, { abortSignal: signal });
}
