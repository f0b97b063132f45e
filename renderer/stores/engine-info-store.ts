import { create } from 'zustand';

/** Whether the engine facts dialog is open (from the header's engine pill). */
export const useEngineInfo = create<{ open: boolean; show(): void; hide(): void }>()((set) => ({
  open: false,
  show: () => set({ open: true }),
  hide: () => set({ open: false }),
}));
