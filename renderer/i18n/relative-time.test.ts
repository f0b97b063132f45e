import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { en, zhCN } from './catalogs';
import { relativeTime } from './relative-time';

async function translator(lng: string) {
  const instance = i18next.createInstance();
  await instance.init({ lng, resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } }, interpolation: { escapeValue: false } });
  return instance.t;
}

const NOW = Date.UTC(2025, 5, 30, 12, 0, 0);
const DAY = 86_400_000;

describe('relativeTime', () => {
  it('reads like docker images in English', async () => {
    const t = await translator('en');
    expect(relativeTime(t, NOW - 15 * DAY, NOW)).toBe('2 weeks ago');
    expect(relativeTime(t, NOW - 90_000, NOW)).toBe('About a minute ago');
    expect(relativeTime(t, NOW - 3 * 365 * DAY, NOW)).toBe('3 years ago');
  });

  it('reads naturally in Simplified Chinese', async () => {
    const t = await translator('zh-CN');
    expect(relativeTime(t, NOW - 15 * DAY, NOW)).toBe('2 周前');
    expect(relativeTime(t, NOW - 5 * DAY, NOW)).toBe('5 天前');
    expect(relativeTime(t, NOW - 100 * DAY, NOW)).toBe('3 个月前');
  });

  it('is lower case inside a sentence, as the column start is not', async () => {
    const t = await translator('en');
    expect(relativeTime(t, NOW - 90_000, NOW, 'in-sentence')).toBe('about a minute ago');
    expect(relativeTime(t, NOW - 500, NOW, 'in-sentence')).toBe('less than a second ago');
  });

  it('shows a dash for an unknown time instead of "55 years ago"', async () => {
    const t = await translator('en');
    expect(relativeTime(t, 0, NOW)).toBe('—');
  });
});
