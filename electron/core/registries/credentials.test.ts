import fc from 'fast-check';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { hostileString } from '../../../shared/test-support/hostile-values';
import { Credentials, DOCKER_HUB_KEY } from './credentials';
import { base64, caught, credentialSandbox, errorText, filesUnder, TEST_HELPER } from './test-support/credential-fixtures';

const HUB = DOCKER_HUB_KEY;

describe('where config.json is', () => {
  it('honours DOCKER_CONFIG', async () => {
    const box = credentialSandbox();
    box.writeConfig({ auths: { 'reg.example:5000': { auth: base64('ann:from-docker-config') } } });
    const creds = new Credentials({ env: { ...box.env, DOCKER_CONFIG: box.configDir } });
    expect(creds.configDir).toBe(box.configDir);
    expect(await creds.authFor('reg.example:5000')).toEqual({ username: 'ann', password: 'from-docker-config', serveraddress: 'reg.example:5000' });
  });

  it('falls back to ~/.docker without DOCKER_CONFIG, and a configDir option wins over both', async () => {
    const box = credentialSandbox();
    const home = box.env.HOME!;
    mkdirSync(join(home, '.docker'));
    writeFileSync(join(home, '.docker', 'config.json'), JSON.stringify({ auths: { 'reg.example': { auth: base64('home:pw') } } }));
    box.writeConfig({ auths: { 'reg.example': { auth: base64('option:pw') } } });
    expect(await new Credentials({ env: box.env }).authFor('reg.example')).toMatchObject({ username: 'home' });
    expect(await new Credentials({ env: { ...box.env, DOCKER_CONFIG: join(home, 'nowhere') }, configDir: box.configDir }).authFor('reg.example')).toMatchObject({ username: 'option' });
  });

  it('a missing file means no credentials and no problem', async () => {
    const box = credentialSandbox();
    const creds = new Credentials({ configDir: box.configDir, env: box.env });
    expect(await creds.authFor('docker.io')).toBeNull();
    expect(await creds.list()).toEqual({ logins: [], problems: [] });
  });
});

describe('auths in config.json', () => {
  it('decodes base64 user:password, keeps colons in the password, and reads identity tokens', async () => {
    const box = credentialSandbox();
    box.writeConfig({
      auths: {
        'https://index.docker.io/v1/': { auth: base64('hubuser:pa:ss:word') },
        'https://registry.example.com/v1/': { auth: base64('ann:pw'), email: 'a@example.com' },
        'token.example': { identitytoken: 'tok-123' },
        'legacy.example': { username: 'old', password: 'fields' },
        'helper-placeholder.example': {},
      },
    });
    const creds = new Credentials({ configDir: box.configDir, env: box.env });
    expect(await creds.authFor('docker.io')).toEqual({ username: 'hubuser', password: 'pa:ss:word', serveraddress: HUB });
    expect(await creds.authFor('REGISTRY.example.com')).toEqual({ username: 'ann', password: 'pw', serveraddress: 'registry.example.com' });
    expect(await creds.authFor('token.example')).toEqual({ identitytoken: 'tok-123', serveraddress: 'token.example' });
    expect(await creds.authFor('legacy.example')).toEqual({ username: 'old', password: 'fields', serveraddress: 'legacy.example' });
    expect(await creds.authFor('helper-placeholder.example')).toBeNull();
    const { logins, problems } = await creds.list();
    expect(problems).toEqual([]);
    expect(logins.map((l) => [l.registry, l.username, l.source])).toEqual([
      [HUB, 'hubuser', 'config-file'],
      ['legacy.example', 'old', 'config-file'],
      ['registry.example.com', 'ann', 'config-file'],
      ['token.example', '<token>', 'config-file'],
    ]);
  });

  it('skips a malformed entry, names it as a problem without quoting it, and still reads the others', async () => {
    const box = credentialSandbox();
    const broken = {
      'not-base64.example': 'not*base64!secret-in-broken-auth',
      'no-colon.example': base64('justausername-secret-nocolon'),
      'empty-user.example': base64(':secret-empty-user'),
      'bad-utf8.example': Buffer.from([0xff, 0xfe, 0x3a, 0x41]).toString('base64'),
      // Node's decoder skips the stray characters and would read "justausername:secret-x"; Go's (docker's) refuses.
      'stray-chars.example': `${base64('justausername:secret-x').slice(0, 8)}*!${base64('justausername:secret-x').slice(8)}`,
    };
    box.writeConfig({ auths: { ...Object.fromEntries(Object.entries(broken).map(([k, auth]) => [k, { auth }])), 'good.example': { auth: base64('ok:fine') }, 'not-an-object.example': 'x' } });
    const creds = new Credentials({ configDir: box.configDir, env: box.env });
    for (const registry of Object.keys(broken)) expect(await creds.authFor(registry)).toBeNull();
    expect(await creds.authFor('good.example')).toMatchObject({ username: 'ok' });
    const { logins, problems } = await creds.list();
    expect(logins.map((l) => l.registry)).toEqual(['good.example']);
    expect(problems).toHaveLength(6);
    for (const registry of [...Object.keys(broken), 'not-an-object.example']) expect(problems.join('\n')).toContain(registry);
    expect(problems.join('\n')).not.toMatch(/secret|justausername/);
  });

  it('property: no config.json content makes authFor or list throw', async () => {
    const box = credentialSandbox();
    const creds = new Credentials({ configDir: box.configDir, env: box.env });
    const json = fc.jsonValue({ maxDepth: 4 });
    const configLike = fc.record({ auths: fc.oneof(json, fc.dictionary(fc.oneof(hostileString, fc.constant('reg.example')), fc.oneof(json, fc.record({ auth: fc.oneof(fc.string(), fc.base64String()), identitytoken: json })))), credHelpers: json }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(fc.oneof(json.map((v) => JSON.stringify(v)), configLike.map((v) => JSON.stringify(v)), fc.string()), async (text) => {
        box.writeConfig(text);
        await creds.authFor('reg.example');
        await creds.list();
      }),
      { numRuns: 300 },
    );
  });
});

describe('a config.json that is not JSON', () => {
  it('gives no credentials, is reported without quoting it, and is never rewritten', async () => {
    const box = credentialSandbox();
    const text = '{"auths": {"reg.example": {"auth": "c2VjcmV0LXVzZXI6aHVudGVyMg=="}}, "credsStore": secret-broken-here';
    box.writeConfig(text);
    const before = statSync(join(box.configDir, 'config.json')).mtimeMs;
    for (const keep of ['session', 'helper'] as const) {
      const creds = new Credentials({ configDir: box.configDir, env: box.env, keep });
      expect(await creds.authFor('reg.example')).toBeNull();
      const { problems } = await creds.list();
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/not valid JSON/);
      expect(problems[0]).not.toMatch(/secret|c2Vj/);
      await creds.save('reg.example', 'me', 'session-only');
      expect(await creds.authFor('reg.example')).toMatchObject({ username: 'me', password: 'session-only' });
      expect(await creds.remove('reg.example')).toEqual({ removed: true, source: 'session' });
    }
    expect(box.configText()).toBe(text);
    expect(statSync(join(box.configDir, 'config.json')).mtimeMs).toBe(before);
  });

  it('reports a config.json that is not an object, or not a file, as a problem', async () => {
    const box = credentialSandbox();
    box.writeConfig('[1,2]');
    expect((await new Credentials({ configDir: box.configDir, env: box.env }).list()).problems[0]).toMatch(/not a JSON object/);
    const dirBox = credentialSandbox();
    mkdirSync(join(dirBox.configDir, 'config.json'));
    const creds = new Credentials({ configDir: dirBox.configDir, env: dirBox.env });
    expect(await creds.authFor('reg.example')).toBeNull();
    expect((await creds.list()).problems[0]).toMatch(/cannot be read/);
  });
});

describe('precedence: session, then the helper config.json names, then auths', () => {
  function setup() {
    const box = credentialSandbox();
    const otherFile = box.writeStoreHelper('stevedore-other');
    box.writeConfig({
      credsStore: TEST_HELPER,
      credHelpers: { 'https://Per-Registry.example/v1/': 'stevedore-other' },
      auths: { 'store.example': { auth: base64('file:file-pw') }, 'per-registry.example': { auth: base64('file:file-pw') }, 'file-only.example': { auth: base64('file:file-pw') } },
    });
    box.preload({ 'store.example': { Username: 'store', Secret: 'store-pw' }, 'per-registry.example': { Username: 'wrong', Secret: 'credsStore must not answer' } });
    box.preload({ 'per-registry.example': { Username: 'per', Secret: 'per-pw' } }, otherFile);
    return { box, otherFile };
  }

  it('credHelpers for its registry, credsStore for the others, auths when the helper holds nothing', async () => {
    const { box, otherFile } = setup();
    const creds = new Credentials({ configDir: box.configDir, env: box.env });
    expect(await creds.authFor('per-registry.example')).toEqual({ username: 'per', password: 'per-pw', serveraddress: 'per-registry.example' });
    expect(await creds.authFor('store.example')).toEqual({ username: 'store', password: 'store-pw', serveraddress: 'store.example' });
    expect(await creds.authFor('file-only.example')).toEqual({ username: 'file', password: 'file-pw', serveraddress: 'file-only.example' });
    writeFileSync(otherFile, '{}');
    expect(await creds.authFor('per-registry.example')).toMatchObject({ username: 'file' });
    expect(await creds.authFor('nothing.example')).toBeNull();
  });

  it('a login made in this session wins, without asking the helper', async () => {
    const { box } = setup();
    const creds = new Credentials({ configDir: box.configDir, env: box.env });
    await creds.save('store.example', 'session-user', 'session-pw');
    const callsBefore = box.calls().length;
    expect(await creds.authFor('https://store.example/v1/')).toEqual({ username: 'session-user', password: 'session-pw', serveraddress: 'store.example' });
    expect(box.calls()).toHaveLength(callsBefore);
    // Another instance (another app session) does not see it.
    expect(await new Credentials({ configDir: box.configDir, env: box.env }).authFor('store.example')).toMatchObject({ username: 'store' });
  });

  it('list names each registry once, with the source authFor would use', async () => {
    const { box } = setup();
    const creds = new Credentials({ configDir: box.configDir, env: box.env });
    await creds.save('session.example', 'sess', 'pw');
    const { logins, problems } = await creds.list();
    expect(problems).toEqual([]);
    expect(logins).toEqual([
      { registry: 'file-only.example', username: 'file', source: 'config-file', helper: null },
      { registry: 'per-registry.example', username: 'per', source: 'helper', helper: 'stevedore-other' },
      { registry: 'session.example', username: 'sess', source: 'session', helper: null },
      { registry: 'store.example', username: 'store', source: 'helper', helper: TEST_HELPER },
    ]);
  });
});

describe('save and remove', () => {
  it("keep 'session' holds the login in memory only; remove forgets it", async () => {
    const box = credentialSandbox();
    box.writeConfig({ credsStore: TEST_HELPER });
    const before = box.configText();
    const creds = new Credentials({ configDir: box.configDir, env: box.env, keep: 'session' });
    expect(await creds.save('docker.io', 'me', 'pw-session')).toEqual({ registry: HUB, username: 'me', source: 'session', helper: null });
    expect(await creds.authFor('index.docker.io')).toEqual({ username: 'me', password: 'pw-session', serveraddress: HUB });
    expect(box.stored()).toEqual({});
    expect(box.configText()).toBe(before);
    expect(await creds.remove('registry-1.docker.io')).toEqual({ removed: true, source: 'session' });
    expect(await creds.authFor('docker.io')).toBeNull();
    expect(await creds.remove('docker.io')).toEqual({ removed: false, source: null });
  });

  it("keep 'helper' stores through the configured helper (store, get, list, erase), never in config.json", async () => {
    const box = credentialSandbox();
    box.writeConfig({ credsStore: TEST_HELPER, auths: { [HUB]: {} } });
    const before = box.configText();
    const creds = new Credentials({ configDir: box.configDir, env: box.env, keep: 'helper' });
    expect(await creds.save('Docker.io', 'me', 'pw-in-helper')).toEqual({ registry: HUB, username: 'me', source: 'helper', helper: TEST_HELPER });
    expect(box.stored()).toEqual({ [HUB]: { Username: 'me', Secret: 'pw-in-helper' } });
    expect(box.calls()).toEqual([`store ${HUB}`]);
    // A fresh instance finds it through the helper, so it is not held in memory.
    const fresh = new Credentials({ configDir: box.configDir, env: box.env });
    expect(await fresh.authFor('docker.io')).toEqual({ username: 'me', password: 'pw-in-helper', serveraddress: HUB });
    expect((await fresh.list()).logins).toEqual([{ registry: HUB, username: 'me', source: 'helper', helper: TEST_HELPER }]);
    expect(await creds.remove('docker.io')).toEqual({ removed: true, source: 'helper' });
    expect(box.stored()).toEqual({});
    expect(box.calls()).toEqual([`store ${HUB}`, `get ${HUB}`, 'list ', `get ${HUB}`, `erase ${HUB}`]);
    expect(await creds.remove('docker.io')).toEqual({ removed: false, source: null });
    expect(box.configText()).toBe(before);
  });

  it("keep 'helper' with no helper configured keeps the login for the session", async () => {
    const box = credentialSandbox();
    const creds = new Credentials({ configDir: box.configDir, env: box.env, keep: 'helper' });
    expect(await creds.save('reg.example', 'me', 'pw')).toMatchObject({ source: 'session', helper: null });
    expect(box.configText()).toBeNull();
  });

  it("the desktop app's keychain vault keeps a login made here across restarts, sealed, and forgets it on logout; a helper still wins", async () => {
    const box = credentialSandbox();
    // A stand-in for safeStorage: a sealed file the test can read, never the plain text.
    const sealedFile = join(box.configDir, 'vault.bin');
    const seal = (text: string) => Buffer.from(text).toString('base64').split('').reverse().join('');
    const unseal = (text: string) => Buffer.from(text.split('').reverse().join(''), 'base64').toString();
    const vault = {
      load: async () => new Map(Object.entries(JSON.parse(existsSync(sealedFile) ? unseal(readFileSync(sealedFile, 'utf8')) : '{}') as Record<string, { username: string; secret: string }>)),
      store: async (entries: ReadonlyMap<string, { username: string; secret: string }>) => writeFileSync(sealedFile, seal(JSON.stringify(Object.fromEntries(entries)))),
    };
    const creds = new Credentials({ configDir: box.configDir, env: box.env, keep: 'helper', vault });
    expect(await creds.save('reg.example', 'me', 'pw-sealed')).toEqual({ registry: 'reg.example', username: 'me', source: 'vault', helper: null });
    expect(readFileSync(sealedFile, 'utf8')).not.toContain('pw-sealed');
    // The app restarted: the login is still there, from the vault.
    const restarted = new Credentials({ configDir: box.configDir, env: box.env, keep: 'helper', vault });
    expect(await restarted.authFor('reg.example')).toEqual({ username: 'me', password: 'pw-sealed', serveraddress: 'reg.example' });
    expect((await restarted.list()).logins).toEqual([{ registry: 'reg.example', username: 'me', source: 'vault', helper: null }]);
    expect(await restarted.remove('reg.example')).toEqual({ removed: true, source: 'vault' });
    expect(await new Credentials({ configDir: box.configDir, env: box.env, vault }).authFor('reg.example')).toBeNull();
    // With a helper configured, the helper keeps it and the vault holds nothing.
    box.writeConfig({ credsStore: TEST_HELPER });
    expect(await restarted.save('reg.example', 'me', 'pw-helper')).toMatchObject({ source: 'helper' });
    expect(unseal(readFileSync(sealedFile, 'utf8'))).toBe('{}');
  });

  it('saving to the helper replaces an earlier session login, which would hide it', async () => {
    const box = credentialSandbox();
    const creds = new Credentials({ configDir: box.configDir, env: box.env, keep: 'helper' });
    await creds.save('reg.example', 'old', 'old-pw');
    box.writeConfig({ credsStore: TEST_HELPER });
    await creds.save('reg.example', 'new', 'new-pw');
    expect(await creds.authFor('reg.example')).toMatchObject({ username: 'new', password: 'new-pw' });
  });

  it('finds and erases a helper entry stored under another spelling of the host', async () => {
    const box = credentialSandbox();
    box.writeConfig({ credsStore: TEST_HELPER });
    box.preload({ 'https://reg.example/v1/': { Username: 'u', Secret: 'pw' } });
    const creds = new Credentials({ configDir: box.configDir, env: box.env });
    expect(await creds.authFor('reg.example')).toEqual({ username: 'u', password: 'pw', serveraddress: 'reg.example' });
    expect((await creds.list()).logins).toMatchObject([{ registry: 'reg.example', source: 'helper' }]);
    expect(await creds.remove('reg.example')).toEqual({ removed: true, source: 'helper' });
    expect(box.stored()).toEqual({});
  });

  it('an identity token (username <token>) is sent as identitytoken, from a helper or a login', async () => {
    const box = credentialSandbox();
    box.writeConfig({ credsStore: TEST_HELPER });
    box.preload({ 'tok.example': { Username: '<token>', Secret: 'refresh-token' } });
    const creds = new Credentials({ configDir: box.configDir, env: box.env });
    expect(await creds.authFor('tok.example')).toEqual({ identitytoken: 'refresh-token', serveraddress: 'tok.example' });
    await creds.save('other.example', '<token>', 'tok-2');
    expect(await creds.authFor('other.example')).toEqual({ identitytoken: 'tok-2', serveraddress: 'other.example' });
  });

  it("leaves a config.json login alone: removed false, source 'config-file', for the UI to suggest docker logout", async () => {
    const box = credentialSandbox();
    box.writeConfig({ auths: { 'https://reg.example/v1/': { auth: base64('u:pw') } } });
    const before = box.configText();
    const creds = new Credentials({ configDir: box.configDir, env: box.env, keep: 'helper' });
    expect(await creds.remove('reg.example')).toEqual({ removed: false, source: 'config-file' });
    expect(box.configText()).toBe(before);
    expect(await creds.authFor('reg.example')).toMatchObject({ username: 'u' });
  });

  it('refuses an empty username or secret without quoting the secret', async () => {
    const box = credentialSandbox();
    const creds = new Credentials({ configDir: box.configDir, env: box.env });
    const empty = await caught(creds.save('reg.example', 'me', ''));
    expect(empty).toMatchObject({ code: 'INVALID_ARGUMENT' });
    const control = await caught(creds.save('reg.example', 'me\n', 'distinctive-secret-7'));
    expect(control).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(errorText(control)).not.toContain('distinctive-secret-7');
    expect((await creds.list()).logins).toEqual([]);
  });
});

describe('no plaintext secret on disk', () => {
  const PASSWORD = 'Zebra-Quokka-9f3e1d77-password';

  it('a session login does not show when the instance is logged or serialised', async () => {
    const box = credentialSandbox();
    const creds = new Credentials({ configDir: box.configDir, env: box.env });
    await creds.save('reg.example', 'me', PASSWORD);
    expect(inspect(creds, { depth: 10, showHidden: true })).not.toContain(PASSWORD);
    expect(JSON.stringify(creds)).not.toContain(PASSWORD);
    expect(JSON.stringify(await creds.list())).not.toContain(PASSWORD);
  });

  it('after save, authFor and remove, with and without a helper, only the stand-in keychain ever held the password', async () => {
    const box = credentialSandbox({ storeInConfigDir: true });
    box.writeConfig({ credsStore: TEST_HELPER, auths: { 'file.example': { auth: base64('someone:other-pw') } } });
    const seen = new Set<string>();
    const scan = () => {
      for (const { path, text } of filesUnder(box.configDir)) {
        if (path === box.storeFile) {
          if (text.includes(PASSWORD)) seen.add('keychain');
          continue;
        }
        expect(text, path).not.toContain(PASSWORD);
        expect(text, path).not.toContain(base64(`me:${PASSWORD}`));
      }
    };
    for (const keep of ['helper', 'session'] as const) {
      const creds = new Credentials({ configDir: box.configDir, env: box.env, keep });
      for (const registry of ['docker.io', 'reg.example:5000', 'file.example']) {
        await creds.save(registry, 'me', PASSWORD);
        scan();
        expect(await creds.authFor(registry)).toMatchObject({ password: PASSWORD });
        await creds.list();
        scan();
        await creds.remove(registry);
        scan();
      }
    }
    // The check above looked where the helper writes: the helper really held the password at some point.
    expect(seen).toEqual(new Set(['keychain']));
    expect(box.stored()).toEqual({});
  });
});
