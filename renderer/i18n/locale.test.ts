import { describe, expect, it } from 'vitest';
import { detectLanguage } from './locale';

describe('detectLanguage', () => {
  it('keeps a stored choice over the browser locale', () => {
    expect(detectLanguage('en', 'zh-CN')).toBe('en');
    expect(detectLanguage('zh-CN', 'en-US')).toBe('zh-CN');
  });

  it('maps every Chinese browser locale to zh-CN', () => {
    for (const l of ['zh', 'zh-CN', 'zh-TW', 'zh-Hans-CN', 'ZH-hk', 'zh_CN']) expect(detectLanguage(null, l)).toBe('zh-CN');
  });

  it('falls back to English for anything else, including unknown stored values', () => {
    expect(detectLanguage(null, 'en-GB')).toBe('en');
    expect(detectLanguage(null, 'de')).toBe('en');
    expect(detectLanguage('fr', 'fr-FR')).toBe('en');
    expect(detectLanguage(undefined, undefined)).toBe('en');
    // Not Chinese, despite the prefix.
    expect(detectLanguage(null, 'zha')).toBe('en');
  });
});
