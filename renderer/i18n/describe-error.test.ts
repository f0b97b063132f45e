import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { en, zhCN } from './catalogs';
import { describeError } from './describe-error';

async function instance(lng: string) {
  const i = i18next.createInstance();
  await i.init({ lng, fallbackLng: 'en', resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } }, interpolation: { escapeValue: false } });
  return i;
}

const notFound = { code: 'NOT_FOUND', message: 'images.inspect: not found.', detail: 'No such image: abc' } as const;

describe('describeError', () => {
  it('keeps the backend wording in English, since it names the exact operation', async () => {
    const text = describeError(await instance('en'), { ...notFound, hint: 'Refresh the list.' });
    expect(text).toEqual({ title: 'images.inspect: not found.', hint: 'Refresh the list.', technical: 'No such image: abc' });
  });

  it('falls back to the catalog hint when the backend gave none', async () => {
    expect(describeError(await instance('en'), notFound).hint).toBe(en.errors.NOT_FOUND.hint);
  });

  it('translates by code in Chinese and moves the English message into the technical details', async () => {
    const text = describeError(await instance('zh-CN'), notFound);
    expect(text.title).toBe(zhCN.errors.NOT_FOUND.message);
    expect(text.hint).toBe(zhCN.errors.NOT_FOUND.hint);
    expect(text.technical).toBe('images.inspect: not found.\nNo such image: abc');
  });

  it('translates a precise message by its own key in Chinese, with its values, instead of by code', async () => {
    const cut = { code: 'INVALID_ARGUMENT' as const, message: 'nginx.tar is cut short: the file ends in the middle of an entry (was the copy complete?).', hint: 'Copy or download the file again, then retry.', i18n: { key: 'archive.cutShort', values: { file: 'nginx.tar' } } };
    const zh = describeError(await instance('zh-CN'), cut);
    expect(zh.title).toBe('nginx.tar 不完整：文件提前结束了（复制是否完成？）。');
    expect(zh.hint).toBe(zhCN.problems.archive.cutShort_hint);
    expect(zh.technical).toContain(cut.message);
    // English keeps the backend's own, more detailed, words.
    expect(describeError(await instance('en'), cut).title).toBe(cut.message);
  });

  it('falls back to the code when a key is unknown to the catalog (a newer backend)', async () => {
    const text = describeError(await instance('zh-CN'), { ...notFound, i18n: { key: 'files.fromTheFuture', values: {} } });
    expect(text.title).toBe(zhCN.errors.NOT_FOUND.message);
  });
});
