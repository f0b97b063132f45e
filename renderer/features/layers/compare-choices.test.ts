import { describe, expect, it } from 'vitest';
import type { ImageRow } from '../../../shared/image-types';
import { compareChoices, filterChoices } from './compare-choices';

const row = (repository: string, tag: string, imageId: string): ImageRow => ({ key: `${imageId}${repository}${tag}`, imageId, repository, tag, digest: '', created: 0, size: 0, dangling: false, tagCount: 1 });

describe('images offered for a comparison', () => {
  it('offers other tags of the same repository first, never the image itself, each name once', () => {
    const rows = [row('app', '1', 'sha256:a'), row('app', '2', 'sha256:b'), row('base', 'x', 'sha256:c'), row('app', '1-again', 'sha256:a'), row('<none>', '<none>', 'sha256:d'), row('base', 'x', 'sha256:c')];
    expect(compareChoices(rows, 'sha256:a', 'app').map((c) => c.ref)).toEqual(['app:2', 'base:x', 'd']);
  });

  it('names an image kept only by digest repo@digest, which the engine can open, not repo:<none>', () => {
    const pinned = { ...row('app', '<none>', 'sha256:e'), digest: 'sha256:feed' };
    expect(compareChoices([pinned], 'sha256:a', 'app').map((c) => c.ref)).toEqual(['app@sha256:feed']);
  });
});

describe('the image offered first', () => {
  const row = (repository: string, tag: string, imageId: string) => ({ repository, tag, imageId }) as ImageRow;
  it('is the image this one was built on when no other tag of its repository exists', () => {
    const rows = [row('alpha', '1', 'sha256:a'), row('base', '3', 'sha256:b'), row('app', '1', 'sha256:me')];
    expect(compareChoices(rows, 'sha256:me', 'app', 'sha256:b')[0]!.ref).toBe('base:3');
    expect(compareChoices([...rows, row('app', '0', 'sha256:old')], 'sha256:me', 'app', 'sha256:b')[0]!.ref).toBe('app:0');
  });
});

describe('finding an image to compare with', () => {
  const choices = ['registry.example.com:5000/platform/payments/ledger:1.2', 'acme/web:2.0', 'acme/worker:2.0'].map((ref) => ({ ref, imageId: ref, sameRepository: false }));
  it('keeps the names holding every word typed, in any case, and all of them for an empty text', () => {
    expect(filterChoices(choices, 'ACME 2.0').map((c) => c.ref)).toEqual(['acme/web:2.0', 'acme/worker:2.0']);
    expect(filterChoices(choices, 'payments ledger').map((c) => c.ref)).toEqual([choices[0]!.ref]);
    expect(filterChoices(choices, '  ')).toBe(choices);
    expect(filterChoices(choices, 'nginx')).toEqual([]);
  });
});
