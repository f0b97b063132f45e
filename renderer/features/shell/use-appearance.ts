import { useEffect } from 'react';
import i18next from 'i18next';
import { useSettings } from '../../stores/settings-store';
import { resolveTheme, type ThemePreference } from '../../stores/theme';

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function applyTheme(preference: ThemePreference): void {
  const resolved = resolveTheme(preference, window.matchMedia(DARK_QUERY).matches);
  document.documentElement.dataset.theme = resolved;
  document.documentElement.style.colorScheme = resolved;
}

/** Keeps <html data-theme> and lang in step with the settings (and the OS, for "system"). */
export function useAppearance(): void {
  const theme = useSettings((s) => s.theme);
  const language = useSettings((s) => s.language);

  useEffect(() => {
    const media = window.matchMedia(DARK_QUERY);
    const apply = () => applyTheme(theme);
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);

  useEffect(() => {
    document.documentElement.lang = language;
    if (i18next.language !== language) void i18next.changeLanguage(language);
  }, [language]);
}
