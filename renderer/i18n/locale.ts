export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The user's explicit choice wins; otherwise any Chinese browser locale gets Simplified Chinese. */
export function detectLanguage(stored: string | null | undefined, browserLanguage: string | undefined): Language {
  if (isLanguage(stored)) return stored;
  return /^zh(\b|[-_])/i.test(browserLanguage ?? '') ? 'zh-CN' : 'en';
}
