import { expect, test } from './fixtures';

/**
 * The desktop window's own defences. Runs in the electron project only (when a binary exists; one
 * skip line otherwise); the web host's doors are web-host-security.spec.ts.
 */
test.describe('the desktop window', () => {
  test('loads the renderer from app://stevedore with the CSP, not from file://', async ({ page, images }) => {
    await expect(images.rows.first()).toBeVisible();
    expect(new URL(page.url()).protocol).toBe('app:');
    const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
    expect(csp).toContain("connect-src 'self'");
    // A file outside the renderer is not reachable through the scheme.
    const outside = await page.evaluate(async () => (await fetch('app://stevedore/..%2f..%2fpackage.json')).status);
    expect(outside).toBe(404);
  });

  test('exposes only the contract bridge and its file helpers to the page: no Node, no ipcRenderer', async ({ page }) => {
    const surface = await page.evaluate(() => ({
      bridge: Object.keys((window as unknown as { stevedore: object }).stevedore).sort(),
      files: Object.keys((window as unknown as { stevedore: { files: object } }).stevedore.files).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(surface).toEqual({ bridge: ['call', 'files', 'locale', 'onEvent'], files: ['chooseOpenPaths', 'chooseSavePath', 'pathForFile'], require: 'undefined', process: 'undefined' });
  });

  test('refuses to navigate away, to open windows and to redirect', async ({ page, images }) => {
    await expect(images.rows.first()).toBeVisible();
    const before = page.url();
    await page.evaluate(() => {
      location.href = 'https://evil.example/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
    const opened = await page.evaluate(() => window.open('https://evil.example/') === null);
    expect(opened).toBe(true);
    await expect(images.rows.first()).toBeVisible();
  });
});
