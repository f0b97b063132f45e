import { create } from 'zustand';

export type View = 'images' | 'containers';

/** Which top-level view the window shows. */
export const useNav = create<{ view: View; show(view: View): void }>()((set) => ({
  view: 'images',
  show: (view) => set({ view }),
}));
