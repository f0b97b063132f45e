import { create } from 'zustand';

/** `layers`: one image's layers, files and wasted space, opened from an image (not a tab of its own). */
export type View = 'images' | 'containers' | 'disk' | 'sharing' | 'layers';

/** Which top-level view the window shows, and the one before it (where a page opened from it goes back to). */
export const useNav = create<{ view: View; previous: View; show(view: View): void; back(): void }>()((set) => ({
  view: 'images',
  previous: 'images',
  show: (view) => set((s) => (s.view === view ? s : { view, previous: s.view })),
  back: () => set((s) => ({ view: s.previous === s.view ? 'images' : s.previous, previous: s.view })),
}));
