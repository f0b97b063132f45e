import { describe, expect, it } from 'vitest';
import type { PruneResult, RemovalPlan } from '../../../shared/removal-types';
import { checkPruneForm, EMPTY_PRUNE_FORM, pruneDifferences } from './prune-form';

const NOW = Date.UTC(2026, 0, 31, 12, 0, 0);

describe('checkPruneForm', () => {
  it('defaults to dangling images of any age: plain docker image prune', () => {
    expect(checkPruneForm(EMPTY_PRUNE_FORM, NOW)).toEqual({ filters: { all: false }, cutoff: null, untilInvalid: false, badLabels: [], valid: true, command: 'docker image prune' });
  });

  it('turns all unused, an age and labels into filters and the command', () => {
    const check = checkPruneForm({ all: true, until: ' 24h ', labels: 'label=env=dev\n\n  label!=keep  \n' }, NOW);
    expect(check.filters).toEqual({ all: true, until: '24h', labels: ['label=env=dev', 'label!=keep'] });
    expect(check.cutoff).toBe(NOW / 1000 - 24 * 3600);
    expect(check.command).toBe("docker image prune -a --filter until=24h --filter label=env=dev --filter 'label!=keep'");
    expect(check.valid).toBe(true);
  });

  it('accepts a date and reads it as that instant', () => {
    expect(checkPruneForm({ ...EMPTY_PRUNE_FORM, until: '2026-01-01' }, NOW).cutoff).toBe(Date.parse('2026-01-01') / 1000);
  });

  it('flags an until that is not a time, and each line that is not a label filter', () => {
    const check = checkPruneForm({ all: false, until: 'yesterday', labels: 'label=ok\nlabel=\n=x' }, NOW);
    expect(check.untilInvalid).toBe(true);
    expect(check.badLabels).toEqual([
      { line: 2, text: 'label=' },
      { line: 3, text: '=x' },
    ]);
    expect(check.valid).toBe(false);
    // The command never shows a filter docker would refuse: only what is valid so far.
    expect(check.command).toBe('docker image prune --filter label=ok');
  });
});

describe('pruneDifferences', () => {
  const plan: RemovalPlan = {
    command: 'docker image prune',
    accounting: 'layers',
    images: [{ id: 'sha256:a', tags: [], size: 10, freedBytes: 10, created: 1 }],
    untagOnly: [],
    conflicts: [],
    totalBytes: 10,
    layers: [],
  };
  const result = (partial: Partial<PruneResult>): PruneResult => ({ deletedImageIds: ['sha256:a'], untagged: [], deletedLayerIds: [], contentHeldIds: [], spaceReclaimed: 10, differences: [], plan, ...partial });

  it('is empty when the engine did exactly what the preview on screen said', () => {
    expect(pruneDifferences(plan, result({}))).toEqual([]);
  });

  it('reports where the engine departed from the preview on screen, even if the backend’s fresher plan agreed', () => {
    expect(pruneDifferences(plan, result({ deletedImageIds: ['sha256:a', 'sha256:b'], spaceReclaimed: 15 }))).toEqual([
      { kind: 'deleted-not-previewed', subject: 'sha256:b' },
      { kind: 'space', subject: '', previewedBytes: 10, reportedBytes: 15 },
    ]);
  });

  it('keeps the backend’s own findings, each said once', () => {
    const differences = [{ kind: 'space' as const, subject: '', previewedBytes: 10, reportedBytes: 12 }];
    expect(pruneDifferences(plan, result({ spaceReclaimed: 12, differences }))).toEqual(differences);
  });
});
