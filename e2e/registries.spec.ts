import { FIXTURES } from '../scripts/test-env/fixture-names.mjs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { docker, inspectImage, randomName } from './support/docker-cli';

/**
 * Registries through the UI against the private registry with a password, the stand-in Docker Hub
 * and the engines' mirror. The web host has a docker config and settings of its own, so nothing is
 * logged in or remembered at the start.
 */
const made: string[] = [];
test.afterEach(() => {
  for (const ref of made.splice(0)) docker(['rmi', '-f', ref], { allowFail: true });
});

/** Logged in to the private registry through the Logins dialog, unless an earlier test already is. */
async function loggedIn(page: Page, registry: { address: string; username: string; password: string }): Promise<void> {
  await page.getByTestId('logins-open').click();
  const dialog = page.getByTestId('registries-dialog');
  const row = dialog.getByTestId('login-row').filter({ hasText: registry.address });
  await expect(dialog.getByTestId('login-add')).toBeVisible();
  if ((await row.count()) === 0) {
    await dialog.getByTestId('login-add').click();
    await dialog.getByTestId('login-registry').fill(registry.address);
    await dialog.getByTestId('login-username').fill(registry.username);
    await dialog.getByTestId('login-password').fill(registry.password);
    await dialog.getByTestId('login-submit').click();
    await expect(row).toHaveCount(1);
  }
  await page.keyboard.press('Escape');
}

test.describe('registries', () => {
  test('log in, push with each layer shown, browse the registry, delete a tag, and pull one back while elsewhere @smoke', async ({ page, images, e2eEnv }) => {
    test.setTimeout(180_000);
    const { registry } = e2eEnv;
    const repo = `e2e/push-${randomName()}`;
    const [one, two] = [`${registry.address}/${repo}:1`, `${registry.address}/${repo}:2`];
    made.push(one, two);
    await images.waitForList();

    // Logins: none yet; a wrong password is refused by the registry and nothing is kept.
    await page.getByTestId('logins-open').click();
    const dialog = page.getByTestId('registries-dialog');
    await expect(dialog.getByText('You are not logged in to any registry.')).toBeVisible();
    await dialog.getByTestId('login-add').click();
    await dialog.getByTestId('login-registry').fill(registry.address);
    await dialog.getByTestId('login-username').fill(registry.username);
    await dialog.getByTestId('login-password').fill('wrong-password');
    await dialog.getByTestId('login-submit').click();
    await expect(dialog.getByTestId('login-error')).toContainText(`${registry.address} refused the user name or password`);
    await expect(dialog.getByTestId('login-password')).toHaveValue('');
    await dialog.getByTestId('login-password').fill(registry.password);
    await dialog.getByTestId('login-submit').click();
    const row = dialog.getByTestId('login-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(registry.username);
    await expect(row).toContainText('kept in memory until Stevedore quits');
    await page.keyboard.press('Escape');

    // Push two images under new names: tagged first, then pushed, layer by layer.
    const digests: string[] = [];
    for (const [source, target] of [
      [FIXTURES.base, one],
      [FIXTURES.child, two],
    ] as const) {
      await images.filterBy(source.split(':')[0]!);
      await images.openDetails(images.rowFor(source));
      await page.getByTestId('action-push').click();
      const push = page.getByTestId('push-dialog');
      await expect(push.getByTestId('command-text')).toHaveText(`docker push ${source}`);
      await push.getByTestId('push-input').fill(target);
      await expect(push.getByTestId('login-state')).toHaveAttribute('data-logged-in', 'true');
      await expect(push.getByTestId('command-text')).toHaveText(`docker tag ${source} ${target} && docker push ${target}`);
      await push.getByTestId('push-submit').click();
      await expect(push.getByTestId('transfer-layer').first()).toBeVisible({ timeout: 30_000 });
      await expect(push.getByTestId('push-done')).toBeVisible({ timeout: 60_000 });
      const digest = (await push.getByTestId('push-digest').textContent())!;
      expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/);
      expect(inspectImage(target, '{{json .RepoDigests}}')).toContain(digest);
      digests.push(digest);
      await page.keyboard.press('Escape');
    }

    // Browse: the repository, its tags, and a tag's manifest with the digest the push answered.
    await page.getByTestId('logins-open').click();
    await dialog.getByTestId('registries-tab-browse').click();
    await dialog.getByTestId('browse-registry').fill(registry.address);
    await dialog.getByTestId('browse-open').click();
    // :2b is :2 again under another tag: deleting :2 by digest takes it along, and the dialog says so.
    docker(['tag', two, `${registry.address}/${repo}:2b`]);
    docker(['push', `${registry.address}/${repo}:2b`]);
    made.push(`${registry.address}/${repo}:2b`);
    await dialog.getByTestId('browse-repo').filter({ hasText: repo }).click();
    await expect(dialog.getByTestId('browse-tag')).toHaveText(['1', '2', '2b']);
    await dialog.getByTestId('browse-tag').filter({ hasText: /^1$/ }).click();
    await dialog.getByTestId('browse-delete').click();
    await expect(dialog.getByTestId('browse-also-goes')).toHaveText('No other tag of this repository points to it.');
    await dialog.getByTestId('browse-tag').filter({ hasText: /^2$/ }).click();
    await expect(dialog.getByTestId('browse-ref')).toHaveText(two);
    await expect(dialog.getByTestId('browse-digest')).toHaveText(digests[1]!);
    await dialog.getByTestId('browse-delete').click();
    await expect(dialog.getByTestId('browse-also-goes')).toHaveText('1 other tag points to it and goes too: 2b.');
    await dialog.getByTestId('browse-delete-confirm').click();
    await expect(dialog.getByTestId('browse-tag')).toHaveText(['1']);
    expect(inspectImage(two, '{{.Id}}')).not.toBe('');

    // Pull :1 back after removing it locally, from the browser, and go elsewhere while it runs.
    const id = inspectImage(one, '{{.Id}}');
    docker(['rmi', one]);
    await dialog.getByTestId('browse-tag').filter({ hasText: /^1$/ }).click();
    await dialog.getByTestId('browse-pull').click();
    const pull = page.getByTestId('pull-dialog');
    await expect(pull.getByTestId('pull-normalized')).toHaveText(one);
    await expect(pull.getByTestId('command-text')).toHaveText(`docker pull ${one}`);
    await pull.getByTestId('pull-submit').click();
    await page.keyboard.press('Escape');
    await page.getByTestId('view-containers').click();
    await page.getByTestId('tasks-button').click();
    const task = page.locator('[data-testid="task"][data-job-name="images.pull"]').first();
    await expect(task).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(task.getByTestId('task-result')).toContainText(one);
    expect(inspectImage(one, '{{.Id}}')).toBe(id);
  });

  test('pulls through the engine\u2019s mirror and through a prefix mirror after a dead one, and says which served', async ({ page, images, e2eEnv }) => {
    test.setTimeout(120_000);
    const name = `e2e-mirror-${randomName()}`;
    made.push(`${name}:1`, `${name}:2`);
    // On the stand-in Docker Hub (served through the engine's mirror) and under a prefix mirror's path.
    for (const target of [`${e2eEnv.hub.address}/library/${name}:1`, `${e2eEnv.hub.address}/docker.io/library/${name}:2`]) {
      docker(['tag', FIXTURES.base, target]);
      docker(['push', target]);
      docker(['rmi', target]);
    }
    await images.waitForList();
    await page.getByTestId('logins-open').click();
    const dialog = page.getByTestId('registries-dialog');
    await dialog.getByTestId('registries-tab-mirrors').click();
    await expect(dialog.getByTestId('daemon-mirrors')).toContainText(`http://${e2eEnv.mirror.address}`);
    for (const prefix of ['127.0.0.1:9/docker.io', `${e2eEnv.hub.address}/docker.io`]) {
      await dialog.getByTestId('mirror-input').fill(prefix);
      await dialog.getByTestId('mirror-add').click();
    }
    const mirrors = dialog.getByTestId('prefix-mirror');
    await expect(mirrors).toHaveCount(2);
    await mirrors.nth(0).getByTestId('mirror-test').click();
    await mirrors.nth(1).getByTestId('mirror-test').click();
    await expect(mirrors.nth(0).getByTestId('mirror-check')).toHaveAttribute('data-ok', 'false');
    await expect(mirrors.nth(1).getByTestId('mirror-check')).toHaveAttribute('data-ok', 'true');
    await expect(mirrors.nth(1).getByTestId('mirror-check')).toContainText(/Answers in \d+ ms/);
    await page.keyboard.press('Escape');

    // Straight: the engine's own mirror serves Docker Hub names.
    await page.getByTestId('pull-open').click();
    let pull = page.getByTestId('pull-dialog');
    await pull.getByTestId('pull-input').fill(`${name}:1`);
    await pull.getByTestId('pull-via-direct').check();
    await pull.getByTestId('pull-submit').click();
    await expect(pull.getByTestId('pull-done')).toBeVisible({ timeout: 60_000 });
    await page.keyboard.press('Escape');

    // Through the prefix mirrors: the first is dead, the second serves, and the name is Docker Hub's.
    await page.getByTestId('pull-open').click();
    pull = page.getByTestId('pull-dialog');
    await pull.getByTestId('pull-input').fill(`${name}:2`);
    await expect(pull.getByTestId('pull-via-mirrors')).toBeChecked();
    await expect(pull.getByTestId('command-text')).toHaveText(`docker pull 127.0.0.1:9/docker.io/library/${name}:2 && docker tag 127.0.0.1:9/docker.io/library/${name}:2 ${name}:2 && docker rmi 127.0.0.1:9/docker.io/library/${name}:2`);
    await pull.getByTestId('pull-submit').click();
    await expect(pull.getByTestId('pull-served')).toHaveText(` Served by ${e2eEnv.hub.address}/docker.io.`, { timeout: 60_000 });
    expect(JSON.parse(inspectImage(`${name}:2`, '{{json .RepoTags}}')).filter((t: string) => t.includes('/docker.io/'))).toEqual([]);
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
    // Logged in, so the registry's answer is about the tag, not about who asks.
    await page.keyboard.press('Escape');
    await loggedIn(page, e2eEnv.registry);
    await page.getByTestId('pull-open').click();
    const missing = `${e2eEnv.registry.address}/e2e/none-${randomName()}:1`;
    await pull.getByTestId('pull-input').fill(missing);
    // A double click starts one pull, not two.
    await pull.getByTestId('pull-submit').dblclick();
    await expect(pull.getByTestId('job-error')).toContainText('not found', { timeout: 30_000 });
    await page.keyboard.press('Escape');
    await page.getByTestId('tasks-button').click();
    await expect(page.getByTestId('task').filter({ hasText: missing })).toHaveCount(1);
  });
});
