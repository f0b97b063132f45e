import type { ImageRow } from '../../../shared/image-types';

/** A row with sensible defaults, for tests that care about one or two fields. */
export function row(partial: Partial<ImageRow> & { key: string }): ImageRow {
  return {
    imageId: `sha256:${partial.key.padEnd(64, '0')}`,
    repository: 'repo',
    tag: 'latest',
    digest: '',
    created: 1_700_000_000,
    size: 1000,
    dangling: false,
    tagCount: 1,
    ...partial,
  };
}
