import type Docker from 'dockerode';
import type { BaseImage } from '../../../shared/layer-types';
import { pathStart } from '../../../shared/reference';
import { imageObject } from '../engine/engine-objects';
import { mapPool } from '../map-pool';

interface Known {
  layers: string[];
  tags: string[];
}

const NONE = '<none>:<none>';

/** Of several names, the one a Dockerfile's FROM most likely used: no registry host, then the shortest. */
function familiarTag(tags: string[]): string | null {
  const hostless = (t: string) => pathStart(t) === 0 || t.startsWith('docker.io/');
  return [...tags].sort((a, b) => Number(hostless(b)) - Number(hostless(a)) || a.length - b.length || (a < b ? -1 : 1))[0] ?? null;
}

interface Candidate {
  known: Known;
  shared: number;
  whole: boolean;
}

/**
 * A tagged FROM beats an untagged one (the intermediate steps of this very build are untagged
 * prefixes too), any FROM beats a merely shared run, a tagged image an untagged one, then the longer.
 */
function outranks(a: Candidate, b: Candidate): boolean {
  const rank = (c: Candidate) => [Number(c.whole && c.known.tags.length > 0), Number(c.whole), Number(c.known.tags.length > 0), c.shared];
  const [ra, rb] = [rank(a), rank(b)];
  const i = ra.findIndex((v, k) => v !== rb[k]);
  return i >= 0 && ra[i]! > rb[i]!;
}

/**
 * Which local image this one was built on: the image whose whole layer list is the longest proper
 * prefix of this one's (a FROM), named by a tag when it has one; failing that, the longest bottom run
 * of layers shared with any other image. Intermediate images (`docker images -a`) count: on the
 * legacy store they are the parent chain of a local build. Layer lists are kept by ID (an image ID
 * names its content, so they never go stale); names change all the time and come from the fresh list.
 */
export class BaseImages {
  private readonly layers = new Map<string, string[]>();

  private async layersOf(docker: Docker, id: string): Promise<string[] | null> {
    const hit = this.layers.get(id);
    if (hit) return hit;
    try {
      const info = (await imageObject(docker, id).inspect()) as { RootFS?: { Layers?: string[] } };
      const layers = info.RootFS?.Layers ?? [];
      this.layers.set(id, layers);
      return layers;
    } catch {
      // Removed while we looked: it is nobody's base any more.
      return null;
    }
  }

  async find(docker: Docker, imageId: string, signal?: AbortSignal): Promise<BaseImage | null> {
    const list = (await docker.listImages({ all: true })) as { Id: string; RepoTags?: string[] | null }[];
    // Forget the images the engine no longer has, so the cache never outgrows the engine.
    const present = new Set(list.map((i) => i.Id));
    for (const id of this.layers.keys()) if (!present.has(id)) this.layers.delete(id);
    const self = await this.layersOf(docker, imageId);
    if (!self || self.length === 0) return null;
    const others = await mapPool(
      list.filter((i) => i.Id !== imageId),
      async (summary) => ({ id: summary.Id, known: await this.known(docker, summary) }),
      undefined,
      signal,
    );
    let best: (Candidate & { id: string }) | null = null;
    for (const { id, known } of others) {
      if (!known) continue;
      let shared = 0;
      while (shared < known.layers.length && shared < self.length && known.layers[shared] === self[shared]) shared += 1;
      if (shared === 0 || shared >= self.length) continue;
      const candidate = { id, known, shared, whole: shared === known.layers.length };
      if (!best || outranks(candidate, best)) best = candidate;
    }
    if (!best) return null;
    return { layers: best.shared, imageId: best.id, name: familiarTag(best.known.tags), whole: best.whole };
  }

  private async known(docker: Docker, summary: { Id: string; RepoTags?: string[] | null }): Promise<Known | null> {
    const layers = await this.layersOf(docker, summary.Id);
    return layers && { layers, tags: (summary.RepoTags ?? []).filter((t) => t !== NONE) };
  }
}
