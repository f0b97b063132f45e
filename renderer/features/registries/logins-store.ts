import { create } from 'zustand';
import type { StevedoreError } from '../../../shared/errors';
import type { RegistryLogin } from '../../../shared/registry-types';
import { api } from '../../api/client';
import { toStevedoreError } from '../../api/errors';

interface LoginsState {
  logins: RegistryLogin[] | null;
  problems: string[];
  error: StevedoreError | null;
  refresh(): Promise<void>;
}

/** The registries the user has credentials for, as the backend knows them (never a secret). */
export const useLogins = create<LoginsState>()((set) => ({
  logins: null,
  problems: [],
  error: null,
  async refresh() {
    try {
      const { logins, problems } = await api.call('registries.logins');
      set({ logins, problems, error: null });
    } catch (err) {
      set({ error: toStevedoreError(err) });
    }
  },
}));

export const loginFor = (logins: readonly RegistryLogin[] | null, registry: string): RegistryLogin | null => logins?.find((l) => l.registry === registry) ?? null;
