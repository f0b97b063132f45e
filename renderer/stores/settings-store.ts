import { create } from 'zustand';
import { detectLanguage, type Language } from '../i18n/locale';
import { isThemePreference, type ThemePreference } from './theme';

const LANGUAGE_KEY = 'stevedore.language';
const THEME_KEY = 'stevedore.theme';

/** Storage can be unavailable (privacy modes, file:// quirks); settings then last for the session. */
function readStored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function writeStored(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Keep the in-memory choice; nothing else to do.
  }
}

interface SettingsState {
  language: Language;
  theme: ThemePreference;
  setLanguage(language: Language): void;
  setTheme(theme: ThemePreference): void;
}

export const useSettings = create<SettingsState>()((set) => ({
  language: detectLanguage(readStored(LANGUAGE_KEY), typeof navigator === 'undefined' ? undefined : navigator.language),
  theme: ((stored) => (isThemePreference(stored) ? stored : 'system'))(readStored(THEME_KEY)),
  setLanguage(language) {
    writeStored(LANGUAGE_KEY, language);
    set({ language });
  },
  setTheme(theme) {
    writeStored(THEME_KEY, theme);
    set({ theme });
  },
}));
