import { describe, expect, it } from 'vitest';
import type { DiskImage, DiskKindUsage } from '../../../shared/disk-types';
import { biggestImages, diskRows, diskTotals, reclaimableImages, reclaimableText } from './disk-view';

// The 26.1 test engine's `docker system df`, byte for byte.
const KINDS: DiskKindUsage[] = [
  { kind: 'images', total: 177, active: 4, size: 2_796_273_664, reclaimable: 2_788_628_061 },
  { kind: 'containers', total: 6, active: 2, size: 24_576, reclaimable: 16_384 },
  { kind: 'volumes', total: 0, active: 0, size: 0, reclaimable: 0 },
  { kind: 'buildCache', total: 0, active: 0, size: 0, reclaimable: 0 },
];

const image = (id: string, size: number, containers: number, repoTags: string[] = []): DiskImage => ({ id: `sha256:${id.padEnd(64, '0')}`, repoTags, size, containers, created: 0 });

describe('diskRows', () => {
  const rows = diskRows(KINDS);

  it('prints RECLAIMABLE as docker system df does', () => {
    expect(rows.map(reclaimableText)).toEqual(['2.789GB (99%)', '16.38kB (66%)', '0B', '0B']);
  });

  it('splits each kind into used and reclaimable, with percentages floored like the CLI', () => {
    expect(rows[1]).toMatchObject({ kind: 'containers', used: 8192, reclaimable: 16_384, reclaimablePercent: 66 });
    expect(rows[2]).toMatchObject({ used: 0, reclaimable: 0, reclaimablePercent: null });
  });

  it('scales every bar to the biggest kind, so a kilobyte of containers looks like one next to gigabytes of images', () => {
    expect(rows[0]!.usedWidth + rows[0]!.reclaimableWidth).toBeCloseTo(1, 10);
    expect(rows[0]!.reclaimableWidth).toBeCloseTo(2_788_628_061 / 2_796_273_664, 10);
    expect(rows[1]!.usedWidth + rows[1]!.reclaimableWidth).toBeCloseTo(24_576 / 2_796_273_664, 12);
    expect(rows[3]).toMatchObject({ usedWidth: 0, reclaimableWidth: 0 });
  });

  it('draws nothing, and divides by nothing, when the engine stores nothing', () => {
    const empty = diskRows(KINDS.map((k) => ({ ...k, total: 0, active: 0, size: 0, reclaimable: 0 })));
    expect(empty.every((r) => r.usedWidth === 0 && r.reclaimableWidth === 0 && r.reclaimablePercent === null)).toBe(true);
  });

  it('never shows more reclaimable than the kind holds', () => {
    const [row] = diskRows([{ kind: 'images', total: 1, active: 0, size: 100, reclaimable: 150 }]);
    expect(row).toMatchObject({ used: 0, reclaimable: 100, reclaimablePercent: 100 });
  });

  it('adds the kinds up', () => {
    expect(diskTotals(rows)).toEqual({ size: 2_796_273_664 + 24_576, reclaimable: 2_788_628_061 + 16_384 });
  });
});

describe('image lists', () => {
  const images = [
    image('a', 500, 0, ['web:2', 'web:latest']),
    image('b', 900, 2, ['db:1']),
    image('c', 300, 0),
    image('d', 500, 0, ['api:1']),
    image('e', 100, 1, ['tool:1']),
  ];

  it('lists the biggest images first, used or not, same sizes by name', () => {
    const list = biggestImages(images, 3);
    expect(list.rows.map((r) => r.name)).toEqual(['db:1', 'api:1', 'web:2']);
    expect(list).toMatchObject({ more: 2, moreSize: 400, count: 5 });
    expect(list.rows[2]).toMatchObject({ otherNames: ['web:latest'], containers: 0, shortId: 'a00000000000' });
  });

  it('lists as reclaimable only the images no container uses, biggest first', () => {
    const list = reclaimableImages(images, 10);
    expect(list.rows.map((r) => [r.name, r.size])).toEqual([
      ['api:1', 500],
      ['web:2', 500],
      ['<none>', 300],
    ]);
    expect(list).toMatchObject({ more: 0, moreSize: 0, count: 3 });
  });

  it('drops images removed since the measurement, once the image list knows', () => {
    const present = new Set(images.filter((i) => !i.id.startsWith('sha256:d')).map((i) => i.id));
    expect(reclaimableImages(images, 10, present).rows.map((r) => r.name)).toEqual(['web:2', '<none>']);
    expect(biggestImages(images, 10, null).count).toBe(5);
  });
});
