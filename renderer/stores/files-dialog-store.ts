import { create } from 'zustand';
import type { ContainerBrief } from '../../shared/removal-types';
import type { PickedFile } from '../api/host-files';

/** The one files dialog open at a time (save, load, import, export, commit) and what it acts on. */
export type FilesDialog =
  | { kind: 'save'; refs: string[] }
  | { kind: 'load'; files: PickedFile[] }
  | { kind: 'import'; file: PickedFile | null }
  | { kind: 'export'; container: ContainerBrief }
  | { kind: 'commit'; container: ContainerBrief };

/** `opened` counts openings, so a dialog reopened with another subject starts afresh. */
export const useFilesDialog = create<{ dialog: FilesDialog | null; opened: number; open(d: FilesDialog): void; close(): void }>()((set, get) => ({
  dialog: null,
  opened: 0,
  open: (dialog) => set({ dialog, opened: get().opened + 1 }),
  close: () => set({ dialog: null }),
}));
