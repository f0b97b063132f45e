import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Credentials } from './credentials';
import { findHelper, HelperFailure, safeDetail } from './credentials-helper';
import { caught, credentialSandbox, errorText, TEST_HELPER, TEST_HELPER_DIR } from './test-support/credential-fixtures';

/** Killed and not yet reaped (a container's PID 1 may never reap) counts as not running. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\S+ \(.*\) [ZX]/s.test(stat);
  } catch {}
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('which helper programs run', () => {
  it('refuses a helper named by a path or with shell characters, and runs nothing', async () => {
    const box = credentialSandbox();
    const marker = join(box.binDir, 'ran');
    // Executables a hostile config.json might point at, each leaving a trace if it runs.
    const evil = box.writeHelper('evil', `touch '${marker}'`);
    const names = [evil, `../bin/docker-credential-evil`, '../../../../bin/sh', 'evil; touch x', 'evil $(touch x)', 'a/b', '..', '.', ' evil', 'evil\n'];
    for (const name of names) {
      for (const config of [{ credsStore: name }, { credHelpers: { 'reg.example': name } }]) {
        box.writeConfig(config);
        const creds = new Credentials({ configDir: box.configDir, env: box.env, keep: 'helper' });
        const e = await caught(creds.authFor('reg.example'));
        expect(e, name).toMatchObject({ code: 'AUTH', message: expect.stringMatching(/not a plain program name/) });
        expect(e.message).toContain('reg.example');
        expect(await caught(creds.save('reg.example', 'u', 'p'))).toMatchObject({ code: 'AUTH' });
        expect(await caught(creds.remove('reg.example'))).toMatchObject({ code: 'AUTH' });
        const { problems } = await creds.list();
        expect(problems.join('\n')).toMatch(/not a plain program name/);
      }
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('runs a plain name only from an absolute PATH folder', async () => {
    expect(await findHelper(TEST_HELPER, { PATH: TEST_HELPER_DIR })).toBe(join(TEST_HELPER_DIR, `docker-credential-${TEST_HELPER}`));
    const relative = await caught(findHelper(TEST_HELPER, { PATH: 'electron/core/registries/test-support' }));
    expect(relative).toBeInstanceOf(HelperFailure);
    expect(relative).toMatchObject({ kind: 'missing' });
  });

  it('a helper that is not installed is an AUTH error naming it and the setting to fix; list reports it', async () => {
    const box = credentialSandbox();
    box.writeConfig({ credsStore: 'desktop-not-installed' });
    const creds = new Credentials({ configDir: box.configDir, env: box.env });
    const e = await caught(creds.authFor('docker.io'));
    expect(e).toMatchObject({ code: 'AUTH', message: expect.stringContaining('docker-credential-desktop-not-installed') });
    expect(e.message).toContain('Docker Hub');
    expect((e as Error & { hint: string }).hint).toContain('credsStore');
    const { logins, problems } = await creds.list();
    expect(logins).toEqual([]);
    expect(problems).toEqual([expect.stringContaining('is not on PATH')]);
  });
});

describe('helpers that misbehave', () => {
  it('a helper that hangs is stopped after the timeout, with whatever it started', async () => {
    const box = credentialSandbox();
    const pidFile = join(box.binDir, 'child.pid');
    box.writeHelper('slow', `sleep 30 & echo $! > '${pidFile}'; wait`);
    box.writeConfig({ credsStore: 'slow' });
    const creds = new Credentials({ configDir: box.configDir, env: box.env, helperTimeoutMs: 300 });
    const started = Date.now();
    const e = await caught(creds.authFor('reg.example'));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(e).toMatchObject({ code: 'AUTH', message: expect.stringMatching(/did not answer within 0\.3 s/) });
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((r) => setTimeout(r, 100));
    expect(isRunning(pid)).toBe(false);
    expect((await creds.list()).problems).toEqual([expect.stringMatching(/did not answer/)]);
  });

  it('a helper that answers more than 1 MiB is stopped', async () => {
    const box = credentialSandbox();
    box.writeHelper('flood', 'head -c 3000000 /dev/zero');
    box.writeConfig({ credsStore: 'flood' });
    const e = await caught(new Credentials({ configDir: box.configDir, env: box.env }).authFor('reg.example'));
    expect(e).toMatchObject({ code: 'AUTH', message: expect.stringMatching(/more than 1 MiB/) });
  });

  it('a failing helper’s words are kept, unless they may hold the secret', async () => {
    const box = credentialSandbox();
    // On store it prints back what it was given (the secret); on get it says why it failed.
    box.writeHelper('broken', 'if [ "$1" = store ]; then cat >&2; exit 3; fi; echo "keychain is locked" >&2; exit 1');
    box.writeConfig({ credsStore: 'broken' });
    const creds = new Credentials({ configDir: box.configDir, env: box.env, keep: 'helper' });
    const read = await caught(creds.authFor('reg.example'));
    expect(read).toMatchObject({ code: 'AUTH', message: expect.stringContaining('docker-credential-broken failed'), detail: 'exit 1: keychain is locked' });
    const stored = await caught(creds.save('reg.example', 'me', 'Secret-Wombat-4242'));
    expect(stored).toMatchObject({ code: 'AUTH', message: expect.stringContaining('store the credentials for reg.example') });
    expect(errorText(stored)).not.toContain('Secret-Wombat-4242');
    expect((stored as Error & { detail: string }).detail).toMatch(/^exit 3: \(the helper’s output is not shown/);
  });

  it('an answer that is not the helper JSON is refused without quoting it', async () => {
    const box = credentialSandbox();
    box.writeHelper('garbled', `printf '{"Username": "u", "Secret": ["Leaked-Otter-77"]}'`);
    box.writeConfig({ credsStore: 'garbled' });
    const e = await caught(new Credentials({ configDir: box.configDir, env: box.env }).authFor('reg.example'));
    expect(e).toMatchObject({ code: 'AUTH', message: expect.stringMatching(/did not answer in the JSON/) });
    expect(errorText(e)).not.toContain('Leaked-Otter-77');
  });

  it('reads "credentials not found" on stdout or stderr as nothing held', async () => {
    const box = credentialSandbox();
    box.writeHelper('quiet', 'echo "credentials not found in native keychain" >&2; exit 1');
    box.writeConfig({ credsStore: 'quiet', auths: { 'reg.example': { auth: Buffer.from('f:pw').toString('base64') } } });
    const creds = new Credentials({ configDir: box.configDir, env: box.env });
    expect(await creds.authFor('other.example')).toBeNull();
    expect(await creds.authFor('reg.example')).toMatchObject({ username: 'f' });
  });
});

describe('safeDetail', () => {
  it('keeps one short printable line and withholds anything secret-shaped', () => {
    expect(safeDetail('\n  first line \nsecond')).toBe('first line');
    expect(safeDetail('')).toBeUndefined();
    expect(safeDetail('x'.repeat(500))).toHaveLength(201);
    expect(safeDetail('bad \u0007 bell')).toBe('bad ? bell');
    for (const risky of ['{"Secret":"x"}', 'password rejected', 'the token expired']) expect(safeDetail(risky)).toMatch(/not shown/);
    expect(safeDetail('oops hunter2 oops', ['hunter2'])).toMatch(/not shown/);
  });
});
