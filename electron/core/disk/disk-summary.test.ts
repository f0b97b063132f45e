import { describe, expect, it } from 'vitest';
import { summariseDf } from './disk-summary';
import type { RawDf } from './system-df';

const image = (id: string, size: number, sharedSize: number, containers: number, repoTags: string[] | null = [`r/${id}:1`]) => ({
  Id: `sha256:${id}`,
  RepoTags: repoTags,
  Created: 1,
  Size: size,
  SharedSize: sharedSize,
  Containers: containers,
});

describe('summariseDf: docker system df from the engine report', () => {
  it('counts images as the CLI does: LayersSize, minus what the images in use hold alone', () => {
    const df: RawDf = {
      LayersSize: 1000,
      // base (600) shared by app (600 + 300) and old (600 + 100); app has a container.
      Images: [image('base', 600, 600, 0), image('app', 900, 600, 1), image('old', 700, 600, 0)],
    };
    const [images] = summariseDf(df, 0).kinds;
    expect(images).toEqual({ kind: 'images', total: 3, active: 1, size: 1000, reclaimable: 700 });
  });

  it('never reports more reclaimable than the whole, nor less than nothing, whatever the per-image figures say', () => {
    // The containerd store's per-image sizes can add up to more than LayersSize.
    const over = summariseDf({ LayersSize: 100, Images: [image('a', 500, 0, 1)] }, 0).kinds[0]!;
    expect(over.reclaimable).toBe(0);
    const under = summariseDf({ LayersSize: 100, Images: [image('a', 50, 80, 1)] }, 0).kinds[0]!;
    expect(under.reclaimable).toBe(100);
  });

  it('skips unknown (-1) image sizes, as the CLI does', () => {
    const row = summariseDf({ LayersSize: 100, Images: [image('a', -1, -1, 2)] }, 0).kinds[0]!;
    expect(row).toMatchObject({ active: 1, reclaimable: 100 });
  });

  it('counts running, paused and restarting containers as active; their writable layers are not reclaimable', () => {
    const df: RawDf = {
      Containers: [
        { State: 'running', SizeRw: 10 },
        { State: 'paused', SizeRw: 20 },
        { State: 'restarting', SizeRw: 0 },
        { State: 'exited', SizeRw: 40 },
        { State: 'created', SizeRw: 50 },
        // 20.10 leaves SizeRw out when the layer is empty.
        { State: 'created' },
      ],
    };
    expect(summariseDf(df, 0).kinds[1]).toEqual({ kind: 'containers', total: 6, active: 3, size: 120, reclaimable: 90 });
  });

  it('counts mounted volumes as active, and only unmounted ones as reclaimable', () => {
    const df: RawDf = {
      Volumes: [{ UsageData: { Size: 100, RefCount: 1 } }, { UsageData: { Size: 30, RefCount: 0 } }, { UsageData: { Size: -1, RefCount: 0 } }, { UsageData: null }],
    };
    expect(summariseDf(df, 0).kinds[2]).toEqual({ kind: 'volumes', total: 4, active: 1, size: 130, reclaimable: 30 });
  });

  it('leaves shared build cache out and in-use cache unreclaimable', () => {
    const df: RawDf = {
      BuildCache: [
        { Size: 100, InUse: true, Shared: false },
        { Size: 40, InUse: false, Shared: false },
        { Size: 500, InUse: false, Shared: true },
      ],
    };
    expect(summariseDf(df, 0).kinds[3]).toEqual({ kind: 'buildCache', total: 3, active: 1, size: 140, reclaimable: 40 });
  });

  it('answers all four kinds for an engine with nothing (20.10 sends null for an empty build cache)', () => {
    const usage = summariseDf({ LayersSize: 0, Images: [], Containers: [], Volumes: [], BuildCache: null }, 42);
    expect(usage.kinds.map((k) => [k.kind, k.total, k.size, k.reclaimable])).toEqual([
      ['images', 0, 0, 0],
      ['containers', 0, 0, 0],
      ['volumes', 0, 0, 0],
      ['buildCache', 0, 0, 0],
    ]);
    expect(usage).toMatchObject({ images: [], measuredAt: 42 });
  });

  it('lists images with their names (none for untagged, whatever the engine version sends)', () => {
    const usage = summariseDf({ Images: [image('a', 5, 0, 0, null), image('b', 6, 0, 2, ['<none>:<none>']), image('c', 7, 0, 0)] }, 0);
    expect(usage.images).toEqual([
      { id: 'sha256:a', repoTags: [], size: 5, containers: 0, created: 1 },
      { id: 'sha256:b', repoTags: [], size: 6, containers: 2, created: 1 },
      { id: 'sha256:c', repoTags: ['r/c:1'], size: 7, containers: 0, created: 1 },
    ]);
  });
});
