import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** electron-builder flips these fuses in every packaged binary; a missing one is a hole in every release. */
describe('packaged builds', () => {
  const build = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).build as Record<string, unknown>;

  it('set the Electron fuses: no RunAsNode, no NODE_OPTIONS or --inspect, encrypted cookies, ASAR integrity, ASAR only', () => {
    expect(build.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('pack the app into an ASAR archive, which the integrity and ASAR-only fuses rely on', () => {
    expect(build.asar).toBe(true);
  });
});

describe('the page policy', () => {
  it('is written once: index.html only holds the placeholder the build fills from shared/security.ts', () => {
    const html = readFileSync(join(__dirname, '..', '..', 'renderer', 'index.html'), 'utf8');
    expect(html).toContain('content="__STEVEDORE_CSP__"');
    expect(html).not.toMatch(/default-src|connect-src/);
  });

});
