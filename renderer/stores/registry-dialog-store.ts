import { create } from 'zustand';

/** The one registry dialog open at a time: pull a name, push an image, or the logins. */
export type RegistryDialog = { kind: 'pull'; ref?: string } | { kind: 'push'; source: string } | { kind: 'registries'; tab: 'logins' | 'mirrors' | 'browse' };

/** `opened` counts openings, so a dialog reopened with another subject starts afresh. */
export const useRegistryDialog = create<{ dialog: RegistryDialog | null; opened: number; open(d: RegistryDialog): void; close(): void }>()((set, get) => ({
  dialog: null,
  opened: 0,
  open: (dialog) => set({ dialog, opened: get().opened + 1 }),
  close: () => set({ dialog: null }),
}));
