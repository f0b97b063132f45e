import { create } from 'zustand';
import { createMeasureStore } from '../../stores/measure-store';

/** Which images share which layers: every image is read for it (seconds on a big host), so a job on request. */
export const useSharing = createMeasureStore('layers.sharing', 'Reading which images share layers failed.');

/** What the user did to the view: groups closed, the name filter. Kept while the window lives. */
export const useSharingView = create<{ closed: ReadonlySet<string>; filter: string; toggle(key: string): void; setFilter(text: string): void }>()((set) => ({
  closed: new Set(),
  filter: '',
  toggle: (key) =>
    set((s) => {
      const closed = new Set(s.closed);
      if (!closed.delete(key)) closed.add(key);
      return { closed };
    }),
  setFilter: (filter) => set({ filter }),
}));
