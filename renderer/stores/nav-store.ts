import { create } from 'zustand';

/** `layers`: one image's layers, files and wasted space, opened from the image (not a tab of its own). */
export type View = 'images' | 'containers' | 'disk' | 'layers';

/** Which top-level view the window shows. */
export const useNav = create<{ view: View; show(view: View): void }>()((set) => ({
  view: 'images',
  show: (view) => set({ view }),
}));
