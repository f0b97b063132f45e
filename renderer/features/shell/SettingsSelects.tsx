import { useTranslation } from 'react-i18next';
import { LANGUAGES, isLanguage } from '../../i18n/locale';
import { useSettings } from '../../stores/settings-store';
import { THEMES, isThemePreference } from '../../stores/theme';

const THEME_LABEL = { system: 'header.themeSystem', light: 'header.themeLight', dark: 'header.themeDark' } as const;

export function LanguageSelect() {
  const { t } = useTranslation();
  const language = useSettings((s) => s.language);
  const setLanguage = useSettings((s) => s.setLanguage);
  return (
    <label className="header-select">
      <span className="visually-hidden">{t('header.language')}</span>
      <select data-testid="language-select" value={language} title={t('header.language')} onChange={(e) => isLanguage(e.target.value) && setLanguage(e.target.value)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`languageNames.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ThemeSelect() {
  const { t } = useTranslation();
  const theme = useSettings((s) => s.theme);
  const setTheme = useSettings((s) => s.setTheme);
  return (
    <label className="header-select">
      <span className="visually-hidden">{t('header.theme')}</span>
      <select data-testid="theme-select" value={theme} title={t('header.theme')} onChange={(e) => isThemePreference(e.target.value) && setTheme(e.target.value)}>
        {THEMES.map((th) => (
          <option key={th} value={th}>
            {t(THEME_LABEL[th])}
          </option>
        ))}
      </select>
    </label>
  );
}
