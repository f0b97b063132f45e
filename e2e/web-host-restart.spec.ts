import { expect, test } from './fixtures';
import { startWebHostProcess, type RunningWebHost } from './support/web-host';

test.describe('the web host restarted under an open page', () => {
  let host: RunningWebHost | null = null;
  test.afterEach(async () => {
    await host?.stop();
    host = null;
  });

  test('the page first says it is reconnecting, then that the restarted host needs the new URL it printed', async ({ page, images, e2eEnv }) => {
    host = await startWebHostProcess(e2eEnv.dockerHost);
    const port = host.port;
    await page.goto(host.url);
    await images.waitForList();

    await host.stop();
    await expect(images.linkLostBanner).toBeVisible();
    await expect(images.linkLostBanner).toHaveAttribute('data-refused', 'false');

    // Same port, new token: this page's cookie no longer opens it.
    host = await startWebHostProcess(e2eEnv.dockerHost, 20_000, port);
    await expect(images.linkLostBanner).toHaveAttribute('data-refused', 'true', { timeout: 10_000 });
    await expect(images.linkLostBanner).toContainText('new access token');

    // The URL it printed does open it again.
    await page.goto(host.url);
    await images.waitForList();
    await expect(images.linkLostBanner).toBeHidden();
  });
});
