import { describe, expect, it, vi } from 'vitest';
import type { JobUpdate } from '../../../shared/job-types';

// The backend's answers to layers.analyse are held back, so a test decides which arrives first.
const pending: { ref: string; answer: (r: { jobId: string }) => void }[] = [];
const cancelled: string[] = [];
vi.mock('../../api/client', () => ({
  api: {
    call: (name: string, args: { ref?: string; jobId?: string }) => {
      if (name === 'layers.analyse') return new Promise((answer) => pending.push({ ref: args.ref!, answer }));
      if (name === 'jobs.cancel') cancelled.push(args.jobId!);
      return new Promise(() => undefined);
    },
  },
}));

const { useLayers } = await import('./layers-store');
const { useJobs } = await import('../../stores/jobs-store');

const ended = (jobId: string, imageId: string): JobUpdate => ({
  jobId,
  name: 'layers.analyse',
  title: 'docker image save',
  state: 'done',
  startedAt: 0,
  finishedAt: 1,
  result: { imageId, platform: null, layers: [], history: [] },
});

describe('opening one image after another before the first reading started', () => {
  it('shows the image opened last, and stops the reading nobody waits for', async () => {
    useLayers.getState().open('first:1');
    useLayers.getState().open('second:1');
    await vi.waitFor(() => expect(pending).toHaveLength(2));
    // The second answer comes first, the first one late.
    pending[1]!.answer({ jobId: 'job-2' });
    await vi.waitFor(() => expect(useLayers.getState().jobId).toBe('job-2'));
    pending[0]!.answer({ jobId: 'job-1' });
    await vi.waitFor(() => expect(cancelled).toContain('job-1'));
    expect(useLayers.getState().jobId).toBe('job-2');

    useJobs.getState().update(ended('job-1', 'sha256:first'));
    useJobs.getState().update(ended('job-2', 'sha256:second'));
    await vi.waitFor(() => expect(useLayers.getState().analysis?.imageId).toBe('sha256:second'));
    expect(useLayers.getState().ref).toBe('second:1');
  });
});
