import { create } from 'zustand';
import type { StevedoreError } from '../../shared/errors';
import type { ContainerBrief } from '../../shared/removal-types';
import { api } from '../api/client';
import { toStevedoreError } from '../api/errors';

/** The containers using the image open in the details panel, and removing a stopped one. */
interface ContainersState {
  imageId: string | null;
  containers: ContainerBrief[] | null;
  loading: boolean;
  error: StevedoreError | null;
  /** The container whose removal waits for the user's confirmation. */
  confirming: string | null;
  removing: string | null;
  removeError: { id: string; error: StevedoreError } | null;
  load(imageId: string): Promise<void>;
  /** Containers changed on the engine: re-read quietly, keeping what is shown if that fails. */
  changed(): void;
  askRemove(id: string): void;
  cancelRemove(): void;
  remove(id: string): Promise<boolean>;
}

let generation = 0;

async function read(imageId: string, quiet: boolean): Promise<void> {
  const mine = ++generation;
  if (!quiet) useContainers.setState({ imageId, containers: null, loading: true, error: null, confirming: null, removeError: null });
  try {
    const containers = await api.call('images.containers', { ref: imageId });
    if (mine === generation) useContainers.setState({ containers, loading: false, error: null });
  } catch (err) {
    if (mine !== generation) return;
    if (!quiet || !useContainers.getState().containers) useContainers.setState({ loading: false, error: toStevedoreError(err) });
  }
}

export const useContainers = create<ContainersState>()((set, get) => ({
  imageId: null,
  containers: null,
  loading: false,
  error: null,
  confirming: null,
  removing: null,
  removeError: null,
  load: (imageId) => read(imageId, false),
  changed() {
    const { imageId } = get();
    if (imageId) void read(imageId, true);
  },
  askRemove: (id) => set({ confirming: id, removeError: null }),
  cancelRemove: () => set({ confirming: null }),
  async remove(id) {
    set({ removing: id, removeError: null });
    try {
      await api.call('containers.remove', { id });
      set((s) => ({ removing: null, confirming: null, containers: s.containers?.filter((c) => c.id !== id) ?? null }));
      get().changed();
      return true;
    } catch (err) {
      set({ removing: null, removeError: { id, error: toStevedoreError(err) } });
      return false;
    }
  },
}));
