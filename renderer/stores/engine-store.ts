import { create } from 'zustand';
import type { EngineStatus, ImageStore } from '../../shared/engine-types';
import { api } from '../api/client';

interface EngineState {
  /** null until the host has answered once. */
  status: EngineStatus | null;
  /** The link to the Stevedore host (the web host's socket; always up in Electron). */
  linkUp: boolean;
  /** Distinguishes "still starting" from "lost": only a lost link deserves the banner. */
  linkWasUp: boolean;
  retrying: boolean;
  setStatus(status: EngineStatus): void;
  setLink(up: boolean): void;
  refreshStatus(): Promise<void>;
  retry(): Promise<void>;
}

let statusInFlight: Promise<void> | null = null;

export const useEngine = create<EngineState>()((set, get) => ({
  status: null,
  linkUp: false,
  linkWasUp: false,
  retrying: false,
  setStatus: (status) => set({ status }),
  setLink: (up) => set((s) => ({ linkUp: up, linkWasUp: s.linkWasUp || up })),
  refreshStatus() {
    // Start-up and the link coming up both ask: one question in flight answers both.
    statusInFlight ??= api
      .call('engine.status')
      .then((status) => get().setStatus(status))
      .catch(() => {
        // Only the link can fail here, and the link banner already says so.
      })
      .finally(() => {
        statusInFlight = null;
      });
    return statusInFlight;
  },
  async retry() {
    if (get().retrying) return;
    set({ retrying: true });
    try {
      get().setStatus(await api.call('engine.retry'));
    } catch {
      // As above: a failed retry leaves the status screen as it is.
    } finally {
      set({ retrying: false });
    }
  },
}));

export const selectConnected = (s: EngineState) => s.status?.state === 'connected';

/** Which image store the engine has, once it has said (sizes, previews and wording depend on it). */
export const selectStoreKind = (s: EngineState): ImageStore['kind'] | null => s.status?.store?.kind ?? null;

export function useStoreKind(): ImageStore['kind'] | null {
  return useEngine(selectStoreKind);
}
