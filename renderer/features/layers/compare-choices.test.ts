import { describe, expect, it } from 'vitest';
import type { ImageRow } from '../../../shared/image-types';
import { compareChoices } from './compare-choices';

const row = (repository: string, tag: string, imageId: string): ImageRow => ({ key: `${imageId}${repository}${tag}`, imageId, repository, tag, digest: '', created: 0, size: 0, dangling: false, tagCount: 1 });

describe('images offered for a comparison', () => {
  it('offers other tags of the same repository first, never the image itself, each name once', () => {
    const rows = [row('app', '1', 'sha256:a'), row('app', '2', 'sha256:b'), row('base', 'x', 'sha256:c'), row('app', '1-again', 'sha256:a'), row('<none>', '<none>', 'sha256:d'), row('base', 'x', 'sha256:c')];
    expect(compareChoices(rows, 'sha256:a', 'app').map((c) => c.ref)).toEqual(['app:2', 'base:x', 'sha256:d']);
  });
});
