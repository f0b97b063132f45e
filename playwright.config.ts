import { defineConfig, type PlaywrightTestConfig } from '@playwright/test';

/**
 * End-to-end specs against the real app: the `web` project drives the web host in Debian's Chromium
 * (no browser downloads here) against Docker 26.1's containerd image store, `web-legacy` repeats the
 * @smoke specs against Docker 20.10's legacy store, and the `electron` project runs the same specs in
 * the desktop app when an Electron binary exists and is skipped with one line otherwise. e2e/global-setup.ts prepares the
 * private engine, fixture images, the build and one web host process.
 *
 * Screenshots for the docs: STEVEDORE_SCREENSHOTS=1 npx playwright test --project screens
 */

const chromium = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  },
};

/** These talk to the web host itself (HTTP security, a second host process) and have no desktop twin. */
const WEB_ONLY = ['**/web-host-security.spec.ts', '**/engine-unreachable.spec.ts'];
/**
 * A browser's uploads, downloads and typed host paths: the desktop app reads and writes paths through
 * native dialogs instead, which desktop-files.spec.ts drives with the dialogs stubbed.
 */
const BROWSER_FILES = ['**/files-web.spec.ts', '**/containers-files.spec.ts'];
/** The desktop window's own defences: nothing to test in a browser. */
const ELECTRON_ONLY = ['**/desktop-security.spec.ts', '**/desktop-files.spec.ts'];
const SCREENS = /@screens/;

/** A smoke run on Docker 20.10's legacy store: the full suite runs on 26.1's containerd store. */
const SMOKE = /@smoke/;

const projects: NonNullable<PlaywrightTestConfig['projects']> = [
  { name: 'web', grepInvert: SCREENS, testIgnore: ELECTRON_ONLY, use: { ...chromium } },
  { name: 'web-legacy', grep: SMOKE, grepInvert: SCREENS, testIgnore: [...ELECTRON_ONLY, ...WEB_ONLY], use: { ...chromium } },
  { name: 'electron', grepInvert: SCREENS, testIgnore: [...WEB_ONLY, ...BROWSER_FILES] },
];
if (process.env.STEVEDORE_SCREENSHOTS === '1') {
  projects.push({ name: 'screens', grep: SCREENS, use: { ...chromium } });
}

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  // One private engine, and specs add and remove tags on it: one test at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/artifacts',
  use: {
    screenshot: 'only-on-failure',
    trace: 'off',
    actionTimeout: 10_000,
  },
  projects,
});
