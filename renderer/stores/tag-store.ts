import { create } from 'zustand';
import type { StevedoreError } from '../../shared/errors';
import { api } from '../api/client';
import { toStevedoreError } from '../api/errors';

export interface TagSource {
  /** How the image is named in `docker tag SOURCE …`: repo:tag, or the short ID when untagged. */
  ref: string;
  imageId: string;
}

interface TagState {
  source: TagSource | null;
  submitting: boolean;
  error: StevedoreError | null;
  open(source: TagSource): void;
  close(): void;
  /** Resolves with the stored name on success, null when the engine refused (the error is kept). */
  submit(target: string): Promise<{ target: string; full: string } | null>;
}

export const useTag = create<TagState>()((set, get) => ({
  source: null,
  submitting: false,
  error: null,
  open: (source) => set({ source, submitting: false, error: null }),
  close: () => set({ source: null, submitting: false, error: null }),
  async submit(target) {
    const source = get().source;
    if (!source || get().submitting) return null;
    set({ submitting: true, error: null });
    try {
      const result = await api.call('images.tag', { source: source.ref, target });
      set({ source: null, submitting: false });
      return result;
    } catch (err) {
      // Closed meanwhile: nobody is looking at the error any more.
      if (get().source === source) set({ submitting: false, error: toStevedoreError(err) });
      return null;
    }
  },
}));
