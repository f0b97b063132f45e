import fs from 'node:fs';
import net from 'node:net';
import { expect, test } from './fixtures';
import { randomName } from './support/docker-cli';
import { startWebHostProcess, type RunningWebHost } from './support/web-host';

interface Forwarder {
  close(): Promise<void>;
}

/** A unix socket that forwards every connection to another one: the engine "coming back". */
function forwardSocket(from: string, to: string): Promise<Forwarder> {
  const open = new Set<net.Socket>();
  return new Promise((resolve, reject) => {
    const server = net.createServer((client) => {
      const engine = net.connect(to);
      open.add(client).add(engine);
      client.pipe(engine).pipe(client);
      const end = () => {
        client.destroy();
        engine.destroy();
        open.delete(client);
        open.delete(engine);
      };
      client.on('error', end).on('close', end);
      engine.on('error', end).on('close', end);
    });
    server.once('error', reject);
    server.listen(from, () =>
      resolve({
        close: () =>
          new Promise<void>((done) => {
            for (const socket of open) socket.destroy();
            server.close(() => done());
          }),
      }),
    );
  });
}

test.describe('when the engine cannot be reached', () => {
  const socketPath = `/tmp/sd-missing-${randomName()}.sock`;
  let host: RunningWebHost | null = null;
  let forwarder: Forwarder | null = null;

  test.afterEach(async () => {
    await host?.stop();
    host = null;
    await forwarder?.close();
    forwarder = null;
    fs.rmSync(socketPath, { force: true });
  });

  test('the app says so, names the address, and recovers on its own once the engine answers', async ({ page, engineScreen, images, e2eEnv }) => {
    const dockerHost = `unix://${socketPath}`;
    host = await startWebHostProcess(dockerHost);
    await page.goto(host.url);

    await expect(engineScreen.root).toBeVisible();
    await expect(engineScreen.root).toContainText(dockerHost);
    // The advice is for the socket DOCKER_HOST names, not the system service.
    await expect(engineScreen.root.getByTestId('engine-advice').locator('li').first()).toHaveAttribute('data-step', 'startCustomSocket');
    await expect(engineScreen.root).not.toContainText('systemctl start docker');
    await expect(engineScreen.retryButton).toBeVisible();
    await expect(images.rows).toHaveCount(0);

    // No restart and no click: the automatic retry (every 2 s) must find the engine.
    forwarder = await forwardSocket(socketPath, e2eEnv.socketPath);
    await expect(engineScreen.root).toBeHidden({ timeout: 15_000 });
    await images.waitForList();
    await expect(images.engineStatus).toHaveAttribute('title', new RegExp(dockerHost.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  });

  test('when the engine goes away under a list, the list stays, marked as the past, actions off, and comes back live', async ({ page, images, e2eEnv }) => {
    const dockerHost = `unix://${socketPath}`;
    forwarder = await forwardSocket(socketPath, e2eEnv.socketPath);
    host = await startWebHostProcess(dockerHost);
    await page.goto(host.url);
    await images.waitForList();
    const before = await images.rowCount();

    await forwarder.close();
    forwarder = null;
    fs.rmSync(socketPath, { force: true });
    // The next look at the engine (a refresh) finds it gone.
    await images.refreshButton.click();
    const banner = page.getByTestId('engine-down-banner');
    await expect(banner).toBeVisible({ timeout: 15_000 });
    await expect(banner.getByTestId('engine-advice').locator('li').first()).toHaveAttribute('data-step', 'startCustomSocket');
    await expect(page.getByTestId('stale-list').locator('.images-page')).toHaveAttribute('data-stale', 'true');
    expect(await images.rowCount()).toBe(before);
    await expect(page.getByTestId('prune-open')).toHaveCount(0);

    forwarder = await forwardSocket(socketPath, e2eEnv.socketPath);
    await expect(banner).toBeHidden({ timeout: 15_000 });
    await expect(page.getByTestId('prune-open')).toBeVisible();
  });
});
