import { create } from 'zustand';
import { isActiveContainer } from '../../shared/container-state';
import type { StevedoreError } from '../../shared/errors';
import type { ContainerBrief } from '../../shared/removal-types';
import { api } from '../api/client';
import { toStevedoreError } from '../api/errors';
import { createRefetchScheduler } from './refetch-scheduler';

export type ContainerAction = 'start' | 'stop' | 'remove';

/** Every container (`docker ps -a`): what marks images as in use, and what the container actions act on. */
interface ContainersState {
  list: ContainerBrief[] | null;
  error: StevedoreError | null;
  /** Actions in flight, by container ID. */
  pending: Record<string, ContainerAction>;
  /** A stop or remove waiting for the user's confirmation. */
  confirming: { id: string; action: 'stop' | 'remove' } | null;
  actionError: { id: string; action: ContainerAction; error: StevedoreError } | null;
  refresh(): Promise<void>;
  ask(id: string, action: 'stop' | 'remove'): void;
  cancel(): void;
  run(id: string, action: ContainerAction): Promise<boolean>;
}

async function fetchContainers(): Promise<void> {
  try {
    useContainers.setState({ list: await api.call('containers.list'), error: null });
  } catch (err) {
    // A failed re-read keeps what is shown; only an empty store shows the error.
    if (!useContainers.getState().list) useContainers.setState({ error: toStevedoreError(err) });
  }
}

const scheduler = createRefetchScheduler(fetchContainers, 100);

const CALLS = { start: 'containers.start', stop: 'containers.stop', remove: 'containers.remove' } as const;

export const useContainers = create<ContainersState>()((set, get) => ({
  list: null,
  error: null,
  pending: {},
  confirming: null,
  actionError: null,
  refresh: () => scheduler.request(),
  ask: (id, action) => set({ confirming: { id, action }, actionError: null }),
  cancel: () => set({ confirming: null }),
  async run(id, action) {
    set((s) => ({ pending: { ...s.pending, [id]: action }, actionError: null }));
    const done = () => set((s) => ({ pending: Object.fromEntries(Object.entries(s.pending).filter(([k]) => k !== id)) }));
    try {
      await api.call(CALLS[action], { id });
      done();
      set((s) => ({ confirming: s.confirming?.id === id ? null : s.confirming }));
      await get().refresh();
      return true;
    } catch (err) {
      done();
      set({ actionError: { id, action, error: toStevedoreError(err) } });
      return false;
    }
  },
}));

export interface ImageUse {
  running: number;
  stopped: number;
}

/** How many containers use each image, running and not: the list's "in use" marks. */
export function usageByImage(list: readonly ContainerBrief[] | null): Map<string, ImageUse> {
  const out = new Map<string, ImageUse>();
  for (const c of list ?? []) {
    const use = out.get(c.imageId) ?? { running: 0, stopped: 0 };
    if (isActiveContainer(c.state)) use.running++;
    else use.stopped++;
    out.set(c.imageId, use);
  }
  return out;
}
