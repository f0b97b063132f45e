import { describe, expect, it } from 'vitest';
import { joinSentences, lead, listOf } from './lead';

describe('text that introduces what follows', () => {
  it('is followed by a space in English', () => {
    expect(lead('Frees in total:')).toBe('Frees in total: ');
    expect(lead('Deleted 2 images.')).toBe('Deleted 2 images. ');
  });

  it('is followed by nothing after full-width punctuation', () => {
    expect(lead('共释放：')).toBe('共释放：');
    expect(lead('删除了 2 个镜像。')).toBe('删除了 2 个镜像。');
    expect(lead('可能删除也可能保留（3）')).toBe('可能删除也可能保留（3）');
  });

  it('keeps the space between Chinese words and a number or a name', () => {
    expect(lead('预览为')).toBe('预览为 ');
  });
});

describe('sentences run together', () => {
  it('leaves out missing ones and spaces as each language does', () => {
    expect(joinSentences(['One.', null, 'Two.'])).toBe('One. Two.');
    expect(joinSentences(['一。', '二。'])).toBe('一。二。');
    expect(joinSentences([null])).toBe('');
  });
});

describe('a list of names inside a sentence', () => {
  it('uses the enumeration comma in Chinese and a comma with a space in English', () => {
    expect(listOf(['a:1', 'b:2'], 'zh-CN')).toBe('a:1、b:2');
    expect(listOf(['a:1', 'b:2'], 'en')).toBe('a:1, b:2');
    expect(listOf(['only'], 'zh-CN')).toBe('only');
  });
});
