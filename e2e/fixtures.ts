import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron, test as base, expect, type Browser, type ElectronApplication, type Page } from '@playwright/test';
import { DetailsPanel } from './pages/details-panel';
import { EngineScreen } from './pages/engine-screen';
import { ImagesPage } from './pages/images-page';
import { envForProject, readE2EEnv, REPO, type E2EEnv } from './support/env';

/** Every spec sees the same window size, in the browser and in Electron. */
export const VIEWPORT = { width: 1280, height: 800 };

interface TestFixtures {
  /** The app's window: a Chromium page at the web host's token URL, or Electron's first window. */
  page: Page;
  images: ImagesPage;
  details: DetailsPanel;
  engineScreen: EngineScreen;
}

interface WorkerFixtures {
  e2eEnv: E2EEnv;
  /** Launches Chromium on first use only, so the electron project never starts a browser. */
  webBrowser: () => Promise<Browser>;
}

/** The Electron app behind a page of the electron project, for specs that stub its native dialogs. */
export const electronAppOf = new WeakMap<Page, ElectronApplication>();

export const test = base.extend<TestFixtures, WorkerFixtures>({
  // Playwright reads a fixture's dependencies from its destructuring pattern; this one has none.
  // eslint-disable-next-line no-empty-pattern
  e2eEnv: [async ({}, use, workerInfo) => use(envForProject(readE2EEnv(), workerInfo.project.name)), { scope: 'worker' }],

  webBrowser: [
    async ({ playwright, launchOptions, headless }, use) => {
      let browser: Browser | undefined;
      await use(async () => (browser ??= await playwright.chromium.launch({ headless, ...launchOptions })));
      await browser?.close();
    },
    { scope: 'worker' },
  ],

  page: async ({ e2eEnv, webBrowser }, use, testInfo) => {
    let page: Page;
    let close: () => Promise<void>;
    if (testInfo.project.name === 'electron') {
      const electron = e2eEnv.electron;
      // Reason a user would accept: without an Electron binary (downloads are blocked here) there is
      // nothing to launch; the same specs still run against the web host in the `web` project, and
      // global setup prints one line saying so.
      testInfo.skip(electron.path === null, `electron e2e: skipped — ${electron.path === null ? electron.reason : ''}`);
      if (electron.path === null) return;
      const app = await launchElectron(e2eEnv, electron.path, electron.display);
      page = await app.firstWindow();
      electronAppOf.set(page, app);
      await page.setViewportSize(VIEWPORT);
      close = () => app.close();
    } else {
      const context = await (await webBrowser()).newContext({ viewport: VIEWPORT, locale: 'en-US', colorScheme: 'light' });
      page = await context.newPage();
      // The token URL trades the token for an HttpOnly cookie and redirects to `/`.
      await page.goto(e2eEnv.url);
      close = () => context.close();
    }

    await use(page);

    // `screenshot: 'only-on-failure'` covers the browser; Electron's window needs its own.
    if (testInfo.project.name === 'electron' && testInfo.status !== testInfo.expectedStatus && !page.isClosed()) {
      const file = testInfo.outputPath('failure.png');
      await page.screenshot({ path: file, fullPage: true }).then(
        () => testInfo.attachments.push({ name: 'screenshot', path: file, contentType: 'image/png' }),
        () => undefined,
      );
    }
    await close();
  },

  images: async ({ page }, use) => use(new ImagesPage(page)),
  details: async ({ page }, use) => use(new DetailsPanel(page)),
  engineScreen: async ({ page }, use) => use(new EngineScreen(page)),
});

async function launchElectron(env: E2EEnv, executablePath: string, display: string | null): Promise<ElectronApplication> {
  // A fresh profile per launch: settings (language, theme) one spec changes never leak into the next.
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-e2e-electron-'));
  const app = await _electron.launch({
    executablePath,
    args: ['--no-sandbox', `--user-data-dir=${userData}`, REPO],
    cwd: REPO,
    env: {
      ...(process.env as Record<string, string>),
      STEVEDORE_DOCKER_HOST: env.dockerHost,
      LANG: 'en_US.UTF-8',
      ...(display ? { DISPLAY: display } : {}),
    },
  });
  app.once('close', () => fs.rmSync(userData, { recursive: true, force: true }));
  return app;
}

export { expect };
