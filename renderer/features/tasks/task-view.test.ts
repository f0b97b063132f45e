import { describe, expect, it } from 'vitest';
import type { JobUpdate } from '../../../shared/job-types';
import { etaParts, runningCount, taskProgress } from './task-view';

const job = (over: Partial<JobUpdate>): JobUpdate => ({ jobId: 'j', name: 'images.save', state: 'running', startedAt: 0, title: 'docker save', ...over });

describe('a task’s progress', () => {
  it('is a fraction of the total with the time left at the rate so far', () => {
    const view = taskProgress(job({ progress: { bytes: 250, total: 1000, estimated: false, phase: 'writing' } }), 1000);
    expect(view.fraction).toBe(0.25);
    expect(view.rate).toBe(250);
    expect(view.etaMs).toBe(3000);
  });

  it('stays full, not past full, when an estimate is passed', () => {
    const view = taskProgress(job({ progress: { bytes: 1500, total: 1000, estimated: true, phase: 'writing' } }), 1000);
    expect(view.fraction).toBe(1);
    expect(view.etaMs).toBeNull();
  });

  it('is indeterminate without a total, and has no rate in its first half second', () => {
    const view = taskProgress(job({ progress: { bytes: 10, total: null, estimated: false, phase: 'engine' } }), 200);
    expect(view.fraction).toBeNull();
    expect(view.rate).toBeNull();
    expect(view.etaMs).toBeNull();
  });

  it('ignores progress that is not about bytes (a disk-usage report’s phase)', () => {
    expect(taskProgress(job({ progress: { phase: 'asking-engine' } }), 5000).bytes).toBeNull();
  });

  it('counts only running jobs for the badge', () => {
    expect(runningCount([job({}), job({ jobId: 'k', state: 'done' }), job({ jobId: 'l', state: 'failed' })])).toBe(1);
  });
});

describe('time left', () => {
  it('reads in seconds up to a minute and a half, then minutes, then hours, never 0', () => {
    expect(etaParts(200)).toEqual({ unit: 'seconds', count: 1 });
    expect(etaParts(45_000)).toEqual({ unit: 'seconds', count: 45 });
    expect(etaParts(95_000)).toEqual({ unit: 'minutes', count: 2 });
    expect(etaParts(3 * 3600_000)).toEqual({ unit: 'hours', count: 3 });
  });
});
