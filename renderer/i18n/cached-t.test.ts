import { describe, expect, it } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import { cachedTranslator } from './cached-t';

describe('cachedTranslator', () => {
  it('answers what t answers, for plain keys, counts and interpolation, and asks t once per distinct call', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'en', resources: { en: { translation: { hello: 'Hello', tags_one: '{{count}} tag', tags_other: '{{count}} tags', ago: '{{what}} ago' } } } });
    let calls = 0;
    const counting = ((...args: Parameters<TFunction>) => {
      calls++;
      return (i18n.t as unknown as (...a: unknown[]) => string)(...args);
    }) as unknown as TFunction;
    const t = cachedTranslator(counting) as unknown as (k: string, o?: Record<string, unknown>) => string;
    expect(t('hello')).toBe('Hello');
    expect(t('tags', { count: 1 })).toBe('1 tag');
    expect(t('tags', { count: 3 })).toBe('3 tags');
    expect(t('ago', { what: '2 days' })).toBe('2 days ago');
    expect(t('ago', { what: '3 days' })).toBe('3 days ago');
    expect(calls).toBe(5);
    for (let i = 0; i < 10; i++) t('tags', { count: 3 });
    expect(calls).toBe(5);
  });
});
