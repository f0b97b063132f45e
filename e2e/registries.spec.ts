import { FIXTURES } from '../scripts/test-env/fixture-names.mjs';
import { expect, test } from './fixtures';
import { docker, inspectImage, randomName } from './support/docker-cli';

/**
 * Registries through the UI against the private registry with a password: log in (a wrong password
 * first), push an image under a new name with each layer's progress, remove it, and pull it back.
 * The web host has a docker config of its own, so nothing is logged in at the start.
 */
const made: string[] = [];
test.afterEach(() => {
  for (const ref of made.splice(0)) docker(['rmi', '-f', ref], { allowFail: true });
});

test.describe('registries', () => {
  test('log in, push under a new name, and pull it back to the same image @smoke', async ({ page, images, e2eEnv }) => {
    test.setTimeout(120_000);
    const { registry } = e2eEnv;
    const target = `${registry.address}/e2e/push-${randomName()}:1`;
    made.push(target);
    await images.waitForList();

    // Logins: none yet; a wrong password is refused by the registry and nothing is kept.
    await page.getByTestId('logins-open').click();
    const logins = page.getByTestId('logins-dialog');
    await expect(logins.getByText('You are not logged in to any registry.')).toBeVisible();
    await logins.getByTestId('login-add').click();
    await logins.getByTestId('login-registry').fill(registry.address);
    await logins.getByTestId('login-username').fill(registry.username);
    await logins.getByTestId('login-password').fill('wrong-password');
    await logins.getByTestId('login-submit').click();
    await expect(logins.getByTestId('login-error')).toContainText(`${registry.address} refused the user name or password`);
    await expect(logins.getByTestId('login-password')).toHaveValue('');
    await logins.getByTestId('login-password').fill(registry.password);
    await logins.getByTestId('login-submit').click();
    const row = logins.getByTestId('login-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(registry.username);
    await expect(row).toContainText('kept in memory until Stevedore quits');
    await page.keyboard.press('Escape');

    // Push the base fixture under a new name: tagged first, then pushed, layer by layer.
    await images.filterBy(FIXTURES.base.split(':')[0]!);
    await images.openDetails(images.rowFor(FIXTURES.base));
    await page.getByTestId('action-push').click();
    const push = page.getByTestId('push-dialog');
    await expect(push.getByTestId('command-text')).toHaveText(`docker push ${FIXTURES.base}`);
    await push.getByTestId('push-input').fill(target);
    await expect(push.getByTestId('login-state')).toHaveAttribute('data-logged-in', 'true');
    await expect(push.getByTestId('command-text')).toHaveText(`docker tag ${FIXTURES.base} ${target} && docker push ${target}`);
    await push.getByTestId('push-submit').click();
    await expect(push.getByTestId('push-done')).toBeVisible({ timeout: 60_000 });
    const digest = await push.getByTestId('push-digest').textContent();
    expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(inspectImage(target, '{{json .RepoDigests}}')).toContain(digest!);
    await page.keyboard.press('Escape');

    // Gone locally, then pulled back: the same image, by the name pushed.
    const id = inspectImage(target, '{{.Id}}');
    docker(['rmi', target]);
    await page.getByTestId('pull-open').click();
    const pull = page.getByTestId('pull-dialog');
    await pull.getByTestId('pull-input').fill(target);
    await expect(pull.getByTestId('pull-normalized')).toHaveText(target);
    await expect(pull.getByTestId('login-state')).toHaveAttribute('data-logged-in', 'true');
    await expect(pull.getByTestId('command-text')).toHaveText(`docker pull ${target}`);
    await pull.getByTestId('pull-submit').click();
    await expect(pull.getByTestId('pull-done')).toBeVisible({ timeout: 60_000 });
    expect(inspectImage(target, '{{.Id}}')).toBe(id);
    await page.keyboard.press('Escape');
    // The list hears the engine's pull event and shows the name.
    await images.filterBy('e2e/push-');
    await expect(images.rowFor(target)).toBeVisible({ timeout: 15_000 });
  });

  test('names a pull of a tag the registry lacks as not found, and shows docker.io names in full before starting', async ({ page, images, e2eEnv }) => {
    await images.waitForList();
    await page.getByTestId('pull-open').click();
    const pull = page.getByTestId('pull-dialog');
    await pull.getByTestId('pull-input').fill('nginx');
    await expect(pull.getByTestId('pull-normalized')).toHaveText('docker.io/library/nginx:latest');
    // Docker Hub is out of reach here: one line says so and where to turn, fast.
    await pull.getByTestId('hub-search-start').click();
    await expect(pull.getByTestId('hub-search-error')).toHaveText(
      'Docker Hub cannot be reached from the engine, so it cannot be searched. Where Docker Hub is blocked, pull through a registry mirror or load images from a tar file.',
      { timeout: 15_000 },
    );
    await pull.getByTestId('pull-input').fill('Nginx');
    await expect(pull.getByTestId('pull-problem')).toContainText('lowercase');
    await expect(pull.getByTestId('pull-submit')).toBeDisabled();
    const missing = `${e2eEnv.registry.address}/e2e/none-${randomName()}:1`;
    await pull.getByTestId('pull-input').fill(missing);
    await pull.getByTestId('pull-submit').click();
    await expect(pull.getByTestId('job-error')).toContainText('not found', { timeout: 30_000 });
  });
});
