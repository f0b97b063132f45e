import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, zhCN } from './catalogs';
import type { Language } from './locale';

export const resources = { en: { translation: en }, 'zh-CN': { translation: zhCN } } as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

/** Catalogs are bundled, so initialisation is synchronous and the first render is already translated. */
export function setupI18n(language: Language): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: ['en', 'zh-CN'],
    initAsync: false,
    returnNull: false,
    // React escapes text itself; double escaping would show &lt;none&gt; for untagged images.
    interpolation: { escapeValue: false },
  });
  return i18next;
}
