import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackendError } from '../../../shared/errors';
import type { AuthConfig } from './credentials';
import { deleteManifest, getManifest, listRepositories, listTags, type RegistryApiOptions } from './registry-api';
import { parseChallenges } from './registry-api-auth';
import { fakeServer, imageFixture, registryErrorBody, sendBody, sendJson, type FakeServer, type Handler } from './test-support/registry-api-server';
import { rejection } from './test-support/rejection';

const PASSWORD = 's3cret-Pa55word';
const IDENTITY = 'refresh-token-0123456789';
const creds = (host: string, password = PASSWORD): AuthConfig => ({ username: 'alice', password, serveraddress: host });
const basic = (password = PASSWORD) => `Basic ${Buffer.from(`alice:${password}`).toString('base64')}`;

const failure = rejection;
/** Everything an error could show anyone. */
const shownText = (e: BackendError) => JSON.stringify({ ...e.toData(), stack: e.stack });

let registry: FakeServer;
let tokens: FakeServer;
beforeEach(async () => {
  [registry, tokens] = await Promise.all([fakeServer(), fakeServer()]);
});
afterEach(async () => {
  await Promise.all([registry.close(), tokens.close()]);
});
const opts = (auth: AuthConfig | null, extra: Partial<RegistryApiOptions> = {}): RegistryApiOptions => ({ registry: registry.host, auth, insecure: true, timeoutMs: 3000, ...extra });

describe('WWW-Authenticate challenges', () => {
  it('reads schemes and quoted or bare parameters, escapes included, several challenges in one value', () => {
    expect(parseChallenges('Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull,push"')).toEqual([
      { scheme: 'bearer', params: { realm: 'https://auth.example.com/token', service: 'registry.example.com', scope: 'repository:a/b:pull,push' } },
    ]);
    expect(parseChallenges('Basic realm="Registry \\"Realm\\"", Bearer realm=https://x/t , service=s')).toEqual([
      { scheme: 'basic', params: { realm: 'Registry "Realm"' } },
      { scheme: 'bearer', params: { realm: 'https://x/t', service: 's' } },
    ]);
    expect(parseChallenges(null)).toEqual([]);
    expect(parseChallenges('"garbage')).toEqual([]);
  });
});

describe('a Bearer token registry', () => {
  /** The registry asks for a token from the token server, which wants alice's password. */
  function bearerRegistry(inner: Handler, tokenField: 'token' | 'access_token' = 'token') {
    tokens.handle((req, res, hit) => {
      const goodBasic = hit.authorization === basic();
      const goodRefresh = hit.method === 'POST' && new URLSearchParams(hit.body).get('refresh_token') === IDENTITY;
      if (!goodBasic && !goodRefresh) return sendJson(res, 401, { details: 'incorrect username or password' });
      const scope = hit.method === 'POST' ? new URLSearchParams(hit.body).get('scope') : hit.query.get('scope');
      sendJson(res, 200, { [tokenField]: `tok.${Buffer.from(scope ?? '').toString('base64url')}`, expires_in: 300 });
    });
    registry.handle((req, res, hit) => {
      if (!hit.authorization?.startsWith('Bearer tok.')) {
        return sendJson(res, 401, registryErrorBody('UNAUTHORIZED', 'authentication required'), {
          'www-authenticate': `Bearer realm="${tokens.origin}/token",service="fake-registry",scope="whatever:the:registry:says"`,
        });
      }
      return inner(req, res, hit);
    });
  }

  it('gets a token for registry:catalog:* from the realm with Basic credentials, then asks again with it', async () => {
    bearerRegistry((_req, res) => sendJson(res, 200, { repositories: ['team/app', 'zeta'] }));
    expect(await listRepositories(opts(creds(registry.host)))).toEqual({ repositories: ['team/app', 'zeta'], next: null });
    expect(tokens.hits).toHaveLength(1);
    expect(tokens.hits[0]!.query.get('service')).toBe('fake-registry');
    expect(tokens.hits[0]!.query.get('scope')).toBe('registry:catalog:*');
    expect(registry.hits.map((h) => h.authorization)).toEqual([undefined, `Bearer tok.${Buffer.from('registry:catalog:*').toString('base64url')}`]);
    // The password went to the token server only, never to the registry.
    expect(registry.hits.some((h) => h.authorization?.startsWith('Basic'))).toBe(false);
  });

  it('asks pull scope for tags, delete scope for a deletion, and reads access_token too', async () => {
    bearerRegistry((_req, res, hit) => (hit.method === 'DELETE' ? sendBody(res, 202, Buffer.alloc(0), {}) : sendJson(res, 200, { name: 'team/app', tags: ['1', '2'] })), 'access_token');
    expect((await listTags(opts(creds(registry.host)), 'team/app')).tags).toEqual(['1', '2']);
    await deleteManifest(opts(creds(registry.host)), 'team/app', `sha256:${'a'.repeat(64)}`);
    expect(tokens.hits.map((h) => h.query.get('scope'))).toEqual(['repository:team/app:pull', 'repository:team/app:delete']);
  });

  it('keeps one token per scope for the whole call: manifest and config blob cost one token request', async () => {
    const image = imageFixture();
    bearerRegistry((_req, res, hit) => {
      if (hit.path === '/v2/team/app/manifests/1') return sendBody(res, 200, image.manifest, { 'content-type': image.mediaType, 'docker-content-digest': image.digest });
      if (hit.path === `/v2/team/app/blobs/${image.configDigest}`) return sendBody(res, 200, image.config, {});
      return sendJson(res, 404, registryErrorBody('BLOB_UNKNOWN', 'no'));
    });
    const m = await getManifest(opts(creds(registry.host)), 'team/app', '1');
    expect(m.created).toBe('2024-05-01T10:00:00.123456789Z');
    expect(tokens.hits).toHaveLength(1);
    expect(registry.hits).toHaveLength(3);
  });

  it('sends an identity token as an OAuth2 refresh_token form (POST), never as Basic', async () => {
    bearerRegistry((_req, res) => sendJson(res, 200, { repositories: [] }));
    await listRepositories(opts({ identitytoken: IDENTITY, serveraddress: registry.host }));
    const form = new URLSearchParams(tokens.hits[0]!.body);
    expect(tokens.hits[0]!.method).toBe('POST');
    expect(Object.fromEntries(form)).toMatchObject({ grant_type: 'refresh_token', refresh_token: IDENTITY, service: 'fake-registry', scope: 'registry:catalog:*' });
    expect(tokens.hits[0]!.authorization).toBeUndefined();
  });

  it('says AUTH with the token server\u2019s words for a wrong password, and shows the password nowhere', async () => {
    bearerRegistry((_req, res) => sendJson(res, 200, { repositories: [] }));
    const err = await failure(listRepositories(opts(creds(registry.host, 'wrong-password-xyz'))));
    expect(err.code).toBe('AUTH');
    expect(err.message).toContain('incorrect username or password');
    expect(err.message).toContain(registry.host);
    expect(shownText(err)).not.toContain('wrong-password-xyz');
  });

  it('asks anonymously when it has no credentials, and says AUTH when the registry still refuses', async () => {
    tokens.handle((_req, res) => sendJson(res, 200, { token: 'anonymous' }));
    registry.handle((_req, res) =>
      sendJson(res, 401, registryErrorBody('DENIED', 'requested access to the resource is denied'), { 'www-authenticate': `Bearer realm="${tokens.origin}/token",service="s"` }),
    );
    const err = await failure(listTags(opts(null), 'team/app'));
    expect(err.code).toBe('AUTH');
    expect(err.message).toContain('requested access to the resource is denied');
    expect(err.hint).toContain('Log in');
    expect(tokens.hits[0]!.authorization).toBeUndefined();
    expect(registry.hits.map((h) => h.authorization)).toEqual([undefined, 'Bearer anonymous']);
  });

  it('refuses a realm that is not http(s), or plain http on another host, without sending anything there', async () => {
    for (const realm of ['file:///etc/passwd', 'ftp://127.0.0.1/token', 'http://auth.example.com/token', `http://alice:pw@${tokens.host}/token`, 'not a url']) {
      registry.handle((_req, res) => sendJson(res, 401, registryErrorBody('UNAUTHORIZED', 'x'), { 'www-authenticate': `Bearer realm="${realm}",service="s"` }));
      const err = await failure(listRepositories(opts(creds(registry.host))));
      expect(err.code, realm).toBe('AUTH');
      expect(err.message).toContain('not an address credentials may be sent to');
    }
    expect(tokens.hits).toEqual([]);
  });

  it('refuses a token that could not be a header value', async () => {
    tokens.handle((_req, res) => sendJson(res, 200, { token: 'abc\r\nX-Injected: 1' }));
    registry.handle((_req, res) => sendJson(res, 401, {}, { 'www-authenticate': `Bearer realm="${tokens.origin}/token"` }));
    const err = await failure(listRepositories(opts(creds(registry.host))));
    expect(err.code).toBe('ENGINE_ERROR');
    expect(err.message).toContain('not a token');
  });
});

describe('a Basic auth registry', () => {
  function basicRegistry(inner: Handler) {
    registry.handle((req, res, hit) => {
      if (hit.authorization !== basic()) return sendJson(res, 401, registryErrorBody('UNAUTHORIZED', 'authentication required'), { 'www-authenticate': 'Basic realm="Registry Realm"' });
      return inner(req, res, hit);
    });
  }

  it('asks anonymously first, answers the challenge with Basic, then keeps sending it for the rest of the call', async () => {
    const image = imageFixture();
    basicRegistry((_req, res, hit) =>
      hit.path.includes('/blobs/') ? sendBody(res, 200, image.config, {}) : sendBody(res, 200, image.manifest, { 'content-type': image.mediaType, 'docker-content-digest': image.digest }),
    );
    const m = await getManifest(opts(creds(registry.host)), 'team/app', 'v1.0');
    expect(m.digest).toBe(image.digest);
    expect(registry.hits.map((h) => h.authorization)).toEqual([undefined, basic(), basic()]);
  });

  it('says AUTH with the registry\u2019s message for a wrong password, without the password; and asks to log in without one', async () => {
    basicRegistry((_req, res) => sendJson(res, 200, { repositories: [] }));
    const wrong = await failure(listRepositories(opts(creds(registry.host, 'nope-not-it'))));
    expect(wrong.code).toBe('AUTH');
    expect(wrong.message).toBe(`${registry.host} refused access to the list of repositories: authentication required`);
    expect(wrong.hint).toContain('Check the username and password');
    expect(shownText(wrong)).not.toContain('nope-not-it');
    expect(registry.hits).toHaveLength(2);

    const none = await failure(listRepositories(opts(null)));
    expect(none.code).toBe('AUTH');
    expect(none.hint).toContain(`docker login ${registry.host}`);
    expect(registry.hits).toHaveLength(3);
  });

  it('says AUTH for 403 too', async () => {
    registry.handle((_req, res) => sendJson(res, 403, registryErrorBody('DENIED', 'this account may not read team/app')));
    const err = await failure(listTags(opts(creds(registry.host)), 'team/app'));
    expect(err.code).toBe('AUTH');
    expect(err.message).toContain('this account may not read team/app');
  });
});
