import type Docker from 'dockerode';
import type { BaseImage } from '../../../shared/layer-types';
import { imageObject } from '../engine/engine-objects';
import { mapPool } from '../map-pool';

interface Known {
  layers: string[];
  tags: string[];
}

const NONE = '<none>:<none>';

/** Of several names, the one a Dockerfile's FROM most likely used: no registry host, then the shortest. */
function familiarTag(tags: string[]): string | null {
  const hostless = (t: string) => !/^[^/]+[.:][^/]*\//.test(t) || t.startsWith('docker.io/');
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
 * legacy store they are the parent chain of a local build. Inspections are kept by ID: an image ID
 * names its content, so they never go stale.
 */
export class BaseImages {
  private readonly known = new Map<string, Known>();

  private async inspect(docker: Docker, id: string): Promise<Known | null> {
    const hit = this.known.get(id);
    if (hit) return hit;
    try {
      const info = (await imageObject(docker, id).inspect()) as { RootFS?: { Layers?: string[] }; RepoTags?: string[] | null };
      const known = { layers: info.RootFS?.Layers ?? [], tags: (info.RepoTags ?? []).filter((t) => t !== NONE) };
      if (this.known.size > 20_000) this.known.clear();
      this.known.set(id, known);
      return known;
    } catch {
      // Removed while we looked: it is nobody's base any more.
      return null;
    }
  }

  async find(docker: Docker, imageId: string, signal?: AbortSignal): Promise<BaseImage | null> {
    const self = await this.inspect(docker, imageId);
    if (!self || self.layers.length === 0) return null;
    const ids = ((await docker.listImages({ all: true })) as { Id: string }[]).map((i) => i.Id).filter((id) => id !== imageId);
    const others = await mapPool(ids, async (id) => {
      signal?.throwIfAborted();
      return { id, known: await this.inspect(docker, id) };
    });
    let best: { id: string; known: Known; shared: number; whole: boolean } | null = null;
    for (const { id, known } of others) {
      if (!known) continue;
      let shared = 0;
      while (shared < known.layers.length && shared < self.layers.length && known.layers[shared] === self.layers[shared]) shared += 1;
      if (shared === 0 || shared >= self.layers.length) continue;
      const whole = shared === known.layers.length;
      const candidate = { id, known, shared, whole };
      const better = !best || outranks(candidate, best);
      if (better) best = { id, known, shared, whole };
    }
    if (!best) return null;
    return { layers: best.shared, imageId: best.id, name: familiarTag(best.known.tags), whole: best.whole };
  }
}
