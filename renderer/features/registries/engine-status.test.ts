import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { en, zhCN } from '../../i18n/catalogs';
import { engineStatusText } from './engine-status';

async function tOf(lng: string) {
  const i = i18next.createInstance();
  await i.init({ lng, fallbackLng: 'en', resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } }, interpolation: { escapeValue: false } });
  return i.t;
}

describe('the engine’s lines about a whole pull or push', () => {
  it('read in Chinese, with the names and digests as the engine wrote them', async () => {
    const t = await tOf('zh-CN');
    expect(engineStatusText(t, 'Pulling from library/nginx')).toBe('正在从 library/nginx 拉取');
    expect(engineStatusText(t, 'Status: Image is up to date for 127.0.0.1:5000/app:1')).toBe('已是最新：127.0.0.1:5000/app:1');
    expect(engineStatusText(t, 'The push refers to repository [127.0.0.1:5000/app]')).toBe('正在推送到仓库 127.0.0.1:5000/app');
    expect(engineStatusText(t, '1: digest: sha256:abc size: 527')).toBe('已推送 1：摘要 sha256:abc，清单 527 字节');
  });

  it('keep the engine’s words when they are not one of those lines', async () => {
    const t = await tOf('zh-CN');
    expect(engineStatusText(t, 'Something new in Engine 30')).toBe('Something new in Engine 30');
  });

  it('say the same in English, never with markup escaped', async () => {
    const t = await tOf('en');
    expect(engineStatusText(t, 'Digest: sha256:<x>&')).toBe('Digest: sha256:<x>&');
    expect(engineStatusText(t, 'Status: Downloaded newer image for busybox:latest')).toBe('Downloaded a newer image for busybox:latest');
  });
});
