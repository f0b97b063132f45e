import { describe, expect, it } from 'vitest';
import { en, zhCN } from './catalogs';

type Catalog = { [key: string]: string | Catalog };

function flatten(catalog: Catalog, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const catalogs: Record<string, Map<string, string>> = { en: flatten(en), 'zh-CN': flatten(zhCN) };
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  it('have exactly the same keys in English and Simplified Chinese', () => {
    const enKeys = [...catalogs.en!.keys()].sort();
    const zhKeys = [...catalogs['zh-CN']!.keys()].sort();
    expect(zhKeys.filter((k) => !catalogs.en!.has(k))).toEqual([]);
    expect(enKeys.filter((k) => !catalogs['zh-CN']!.has(k))).toEqual([]);
  });

  it('have no empty messages', () => {
    for (const [name, catalog] of Object.entries(catalogs)) {
      const empty = [...catalog].filter(([, v]) => v.trim() === '').map(([k]) => `${name}:${k}`);
      expect(empty).toEqual([]);
    }
  });

  it('use the same placeholders in both languages', () => {
    const mismatched = [...catalogs.en!].filter(([k, v]) => placeholders(v).join() !== placeholders(catalogs['zh-CN']!.get(k) ?? '').join()).map(([k]) => k);
    expect(mismatched).toEqual([]);
  });
});

describe('Chinese terms', () => {
  const en = catalogs.en!;
  const zh = catalogs['zh-CN']!;
  it('keep tag (标签) and label (元数据标记) apart: a message about labels never says 标签', () => {
    const aboutLabels = [...en].filter(([, v]) => /\blabels?\b/i.test(v) && !/\btags?\b/i.test(v)).map(([k]) => k);
    expect(aboutLabels.length).toBeGreaterThan(0);
    expect(aboutLabels.filter((k) => zh.get(k)?.includes('标签'))).toEqual([]);
  });
  it('call Inspect 详细信息 next to the command name, as the Chinese tutorials do, never 检查', () => {
    expect(zh.get('details.tabInspect')).toMatch(/详细信息.*inspect/);
  });
  it('translate container states', () => {
    for (const state of ['running', 'exited', 'created', 'paused']) expect(zh.get(`containerState.${state}`)).not.toBe(state);
  });
});
