import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteManifest, getManifest, listRepositories, listTags, pingRegistry, type RegistryApiOptions } from './registry-api';
import { nextFromLink } from './registry-api-names';
import { fakeServer, imageFixture, registryErrorBody, sendBody, sendJson, sha256, type FakeServer } from './test-support/registry-api-server';
import { rejection } from './test-support/rejection';

const failure = rejection;

let registry: FakeServer;
let other: FakeServer;
beforeEach(async () => {
  [registry, other] = await Promise.all([fakeServer(), fakeServer()]);
});
afterEach(async () => {
  await Promise.all([registry.close(), other.close()]);
});
const auth = () => ({ username: 'alice', password: 'pw-secret', serveraddress: registry.host });
const BASIC = `Basic ${Buffer.from('alice:pw-secret').toString('base64')}`;
const opts = (extra: Partial<RegistryApiOptions> = {}): RegistryApiOptions => ({ registry: registry.host, auth: null, insecure: true, timeoutMs: 3000, ...extra });

describe('pages of repositories and tags', () => {
  it('follows the Link header: only its `last` value comes back, and it is sent as asked', async () => {
    registry.handle((_req, res, hit) => {
      if (hit.query.get('last') === null) return sendJson(res, 200, { repositories: ['a', 'b/c'] }, { link: '</v2/_catalog?last=b%2Fc&n=2>; rel="next"' });
      return sendJson(res, 200, { repositories: ['d'] });
    });
    expect(await listRepositories(opts(), { n: 2 })).toEqual({ repositories: ['a', 'b/c'], next: 'b/c' });
    expect(await listRepositories(opts(), { n: 2, last: 'b/c' })).toEqual({ repositories: ['d'], next: null });
    expect(registry.hits.map((h) => h.url)).toEqual(['/v2/_catalog?n=2', '/v2/_catalog?n=2&last=b%2Fc']);
  });

  it('ignores a Link to another host, another path, or one that is not well-formed', async () => {
    const url = new URL(`${registry.origin}/v2/_catalog?n=2`);
    expect(nextFromLink(`<${other.origin}/v2/_catalog?last=x&n=2>; rel="next"`, url)).toBeNull();
    expect(nextFromLink('<//evil.example/v2/_catalog?last=x>; rel="next"', url)).toBeNull();
    expect(nextFromLink('</v2/other/tags/list?last=x>; rel="next"', url)).toBeNull();
    expect(nextFromLink('</v2/_catalog?last=x>; rel="prev"', url)).toBeNull();
    expect(nextFromLink('</v2/_catalog?last=x; rel="next"', url)).toBeNull();
    expect(nextFromLink('</v2/_catalog?last=a%0Ab>; rel="next"', url)).toBeNull();
    expect(nextFromLink('</v2/_catalog?last=p>; rel="prev", </v2/_catalog?n=2&last=q,r>; rel=next', url)).toBe('q,r');
    expect(nextFromLink(`<${registry.origin}/v2/_catalog?last=z>; title="a, b"; rel="next"`, url)).toBe('z');

    registry.handle((_req, res) => sendJson(res, 200, { repositories: ['a'] }, { link: `<${other.origin}/v2/_catalog?last=a&n=1>; rel="next"` }));
    expect(await listRepositories(opts(), { n: 1 })).toEqual({ repositories: ['a'], next: null });
    expect(other.hits).toEqual([]);
  });

  it('lists tags with paging, leaving out names that could not be names', async () => {
    registry.handle((_req, res) => sendJson(res, 200, { name: 'team/app', tags: ['1', 'latest', '../x', 'a b', '-bad', 'x'.repeat(129)] }, { link: '</v2/team/app/tags/list?n=10&last=latest>; rel="next"' }));
    expect(await listTags(opts(), 'team/app', { n: 10 })).toEqual({ tags: ['1', 'latest'], next: 'latest' });
    registry.handle((_req, res) => sendJson(res, 200, { name: 'team/app', tags: null }));
    expect(await listTags(opts(), 'team/app')).toEqual({ tags: [], next: null });
  });

  it('says ENGINE_ERROR for an answer that is not JSON or not the expected shape', async () => {
    for (const body of ['<html>hello</html>', '{"repositories": "nope"}', '{"repositories": [1, 2]}', '[]', '']) {
      registry.handle((_req, res) => sendJson(res, 200, body));
      const err = await failure(listRepositories(opts()));
      expect(err.code, body).toBe('ENGINE_ERROR');
      expect(err.message).toBe(`${registry.host} answered something that is not a list of repositories for the list of repositories.`);
    }
  });

  it('says NOT_FOUND for a repository the registry does not know, with its words', async () => {
    const err = await failure(listTags(opts(), 'no/such'));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toContain('There is no repository no/such');
    expect(err.message).toContain('repository name not known to registry');
  });

  it('refuses bad page sizes and cursors before asking', async () => {
    for (const page of [{ n: 0 }, { n: 1.5 }, { n: 100_001 }, { last: '' }, { last: 'a\nb' }, { last: 'x'.repeat(2000) }]) {
      expect((await failure(listRepositories(opts(), page))).code).toBe('INVALID_ARGUMENT');
    }
    expect(registry.hits).toEqual([]);
  });
});

describe('manifests', () => {
  it('reads a single-platform manifest and its config, by tag; the digest is the header\u2019s, checked', async () => {
    const image = imageFixture({ layerSizes: [1000, 2500, 7] });
    registry.handle((_req, res, hit) => {
      if (hit.path === '/v2/team/app/manifests/1.0') return sendBody(res, 200, image.manifest, { 'content-type': image.mediaType, 'docker-content-digest': image.digest });
      if (hit.path === `/v2/team/app/blobs/${image.configDigest}`) return sendBody(res, 200, image.config, {});
      return sendJson(res, 404, registryErrorBody('BLOB_UNKNOWN', 'blob unknown'));
    });
    const m = await getManifest(opts(), 'team/app', '1.0');
    expect(m).toEqual({
      digest: image.digest,
      mediaType: image.mediaType,
      platforms: [],
      layers: image.layers,
      totalSize: 3507,
      created: '2024-05-01T10:00:00.123456789Z',
      configDigest: image.configDigest,
    });
    for (const type of ['docker.distribution.manifest.v2', 'docker.distribution.manifest.list.v2', 'oci.image.manifest.v1', 'oci.image.index.v1']) {
      expect(registry.hits[0]!.accept).toContain(`application/vnd.${type}+json`);
    }
  });

  it('computes the digest when the header is missing, and checks it against the digest asked for', async () => {
    const image = imageFixture({ mediaType: 'application/vnd.oci.image.manifest.v1+json' });
    registry.handle((_req, res, hit) => (hit.path.includes('/blobs/') ? sendBody(res, 200, image.config, {}) : sendBody(res, 200, image.manifest, { 'content-type': image.mediaType })));
    expect((await getManifest(opts(), 'team/app', image.digest)).digest).toBe(image.digest);
    const wrong = `sha256:${'0'.repeat(64)}`;
    const err = await failure(getManifest(opts(), 'team/app', wrong));
    expect(err.code).toBe('ENGINE_ERROR');
    expect(err.message).toContain('does not match its digest');
    expect(err.detail).toContain(wrong);
  });

  it('refuses a body that does not match its Docker-Content-Digest header, or a header that is not a digest', async () => {
    const image = imageFixture();
    const tampered = Buffer.from(image.manifest.toString().replace('"size": 1000', '"size": 1001'));
    registry.handle((_req, res) => sendBody(res, 200, tampered, { 'content-type': image.mediaType, 'docker-content-digest': image.digest }));
    const err = await failure(getManifest(opts(), 'team/app', '1'));
    expect(err.code).toBe('ENGINE_ERROR');
    expect(err.message).toBe(`${registry.host} answered team/app:1 with content that does not match its digest, so it was not used.`);
    registry.handle((_req, res) => sendBody(res, 200, image.manifest, { 'content-type': image.mediaType, 'docker-content-digest': 'md5:abc' }));
    expect((await failure(getManifest(opts(), 'team/app', '1'))).message).toContain('not one');
    // A config blob that is not what the manifest names is refused too.
    registry.handle((_req, res, hit) => (hit.path.includes('/blobs/') ? sendBody(res, 200, Buffer.from('{"created":"2020-01-01T00:00:00Z"}'), {}) : sendBody(res, 200, image.manifest, { 'content-type': image.mediaType })));
    expect((await failure(getManifest(opts(), 'team/app', '1'))).message).toContain('does not match its digest');
  });

  it('lists an index\u2019s platforms and shows the linux/amd64 image\u2019s layers, verifying the child by digest', async () => {
    const arm = imageFixture({ architecture: 'arm64', layerSizes: [5] });
    const amd = imageFixture({ architecture: 'amd64', layerSizes: [10, 20] });
    const entry = (img: typeof arm, platform: Record<string, string>) => ({ mediaType: img.mediaType, digest: img.digest, size: img.manifest.length, platform });
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [entry(arm, { os: 'linux', architecture: 'arm64', variant: 'v8' }), entry(amd, { os: 'linux', architecture: 'amd64' }), { ...entry(arm, { os: 'unknown', architecture: 'unknown' }), digest: sha256('att') }],
      }),
    );
    registry.handle((_req, res, hit) => {
      const byPath: Record<string, Buffer> = {
        '/v2/multi/manifests/1': index,
        [`/v2/multi/manifests/${amd.digest}`]: amd.manifest,
        [`/v2/multi/blobs/${amd.configDigest}`]: amd.config,
      };
      const body = byPath[hit.path];
      if (!body) return sendJson(res, 404, registryErrorBody('MANIFEST_UNKNOWN', 'manifest unknown'));
      sendBody(res, 200, body, { 'content-type': hit.path.endsWith('/1') ? 'application/vnd.oci.image.index.v1+json' : amd.mediaType });
    });
    const m = await getManifest(opts(), 'multi', '1');
    expect(m.digest).toBe(sha256(index));
    expect(m.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(m.platforms.map((p) => p.platform)).toEqual(['linux/arm64/v8', 'linux/amd64', 'unknown/unknown']);
    expect(m.layers.map((l) => l.size)).toEqual([10, 20]);
    expect([m.totalSize, m.configDigest, m.created]).toEqual([30, amd.configDigest, '2024-05-01T10:00:00.123456789Z']);
  });

  it('refuses a body that claims one media type while the header says another, and schema 1', async () => {
    const image = imageFixture();
    registry.handle((_req, res) => sendBody(res, 200, image.manifest, { 'content-type': 'application/vnd.oci.image.index.v1+json' }));
    expect((await failure(getManifest(opts(), 'team/app', '1'))).message).toContain('but its content says');
    registry.handle((_req, res) => sendJson(res, 200, { schemaVersion: 1, name: 'x', fsLayers: [] }));
    expect((await failure(getManifest(opts(), 'team/app', '1'))).message).toContain('schema 1');
    registry.handle((_req, res) => sendJson(res, 200, { schemaVersion: 2, config: { digest: 'nope', size: -1 }, layers: 'x' }));
    expect((await failure(getManifest(opts(), 'team/app', '1'))).message).toContain('not an image manifest');
  });

  it('keeps created null when the config has none or an odd one', async () => {
    const image = imageFixture({ created: '<script>' });
    registry.handle((_req, res, hit) => (hit.path.includes('/blobs/') ? sendBody(res, 200, image.config, {}) : sendBody(res, 200, image.manifest, { 'content-type': image.mediaType })));
    expect((await getManifest(opts(), 'team/app', '1')).created).toBeNull();
  });
});

describe('hostile answers', () => {
  it('stops reading an answer past 4 MiB, declared or streamed without end', async () => {
    registry.handle((_req, res) => sendBody(res, 200, Buffer.alloc(5 * 1024 * 1024, 0x20), { 'content-type': 'application/json' }));
    const declared = await failure(listRepositories(opts()));
    expect(declared.code).toBe('ENGINE_ERROR');
    expect(declared.message).toContain('more than 4096 KiB');

    let written = 0;
    registry.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!res.destroyed && written < 200 * 1024 * 1024 && res.write(chunk)) written += chunk.length;
        if (!res.destroyed && written < 200 * 1024 * 1024) res.once('drain', pump);
      };
      res.write('{"repositories":[');
      pump();
    });
    const streamed = await failure(listRepositories(opts()));
    expect(streamed.message).toContain('reading stopped');
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it('never follows a redirect of an API call to another host, and sends it nothing', async () => {
    registry.handle((_req, res) => {
      res.writeHead(307, { location: `${other.origin}/v2/_catalog` });
      res.end();
    });
    const err = await failure(listRepositories(opts({ auth: auth() })));
    expect(err.code).toBe('ENGINE_ERROR');
    expect(err.message).toContain('it was not followed');
    expect(other.hits).toEqual([]);
  });

  it('follows a config blob to storage elsewhere without the Authorization header, and same-host redirects with it', async () => {
    const image = imageFixture();
    other.handle((_req, res) => sendBody(res, 200, image.config, {}));
    registry.handle((req, res, hit) => {
      if (hit.authorization !== BASIC) return sendJson(res, 401, {}, { 'www-authenticate': 'Basic realm="r"' });
      if (hit.path === '/v2/team/app/manifests/1') {
        res.writeHead(302, { location: '/v2/team/app/manifests/1-moved' });
        return res.end();
      }
      if (hit.path.endsWith('/1-moved')) return sendBody(res, 200, image.manifest, { 'content-type': image.mediaType });
      res.writeHead(307, { location: `${other.origin}/storage/blob?sig=abc` });
      res.end();
    });
    const m = await getManifest(opts({ auth: auth() }), 'team/app', '1');
    expect(m.created).not.toBeNull();
    expect(registry.hits.map((h) => [h.path, h.authorization])).toEqual([
      ['/v2/team/app/manifests/1', undefined],
      ['/v2/team/app/manifests/1', BASIC],
      ['/v2/team/app/manifests/1-moved', BASIC],
      [`/v2/team/app/blobs/${image.configDigest}`, BASIC],
    ]);
    expect(other.hits.map((h) => [h.url, h.authorization])).toEqual([['/storage/blob?sig=abc', undefined]]);
  });

  it('says TIMEOUT when the registry does not answer, or stops halfway through the body', async () => {
    registry.handle(() => {
      // Never answers.
    });
    const started = Date.now();
    const silent = await failure(listRepositories(opts({ timeoutMs: 300 })));
    expect(silent.code).toBe('TIMEOUT');
    expect(silent.message).toContain(registry.host);
    expect(Date.now() - started).toBeLessThan(2500);

    registry.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"repositories":');
    });
    expect((await failure(listRepositories(opts({ timeoutMs: 300 })))).code).toBe('TIMEOUT');
  });

  it('says CANCELLED when the caller aborts', async () => {
    registry.handle(() => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    expect((await failure(listRepositories(opts({ signal: controller.signal })))).code).toBe('CANCELLED');
  });

  it('says NETWORK for a refused connection or a reset one', async () => {
    const closed = other.host;
    await other.close();
    const refused = await failure(listRepositories(opts({ registry: closed })));
    expect(refused.code).toBe('NETWORK');
    expect(refused.message).toBe(`${closed} refused the connection while reading the list of repositories.`);
    registry.handle((req) => req.socket.destroy());
    expect((await failure(listRepositories(opts()))).code).toBe('NETWORK');
  });

  it('refuses registry addresses that are not host[:port]', async () => {
    for (const address of ['http://127.0.0.1:5000', 'a/b', 'alice@host', 'host:0', 'host:99999', '', 'ho st']) {
      expect((await failure(listRepositories(opts({ registry: address })))).code, address).toBe('INVALID_ARGUMENT');
    }
  });
});

describe('deleting and pinging', () => {
  const digest = `sha256:${'b'.repeat(64)}`;
  it('deletes by digest; a 405 or UNSUPPORTED says how to turn deletion on', async () => {
    registry.handle((_req, res) => sendBody(res, 202, Buffer.alloc(0), {}));
    await deleteManifest(opts(), 'team/app', digest);
    expect(registry.hits.map((h) => [h.method, h.path])).toEqual([['DELETE', `/v2/team/app/manifests/${digest}`]]);
    for (const [status, code] of [
      [405, 'UNSUPPORTED'],
      [400, 'UNSUPPORTED'],
      [405, 'OTHER'],
    ] as const) {
      registry.handle((_req, res) => sendJson(res, status, registryErrorBody(code, 'The operation is unsupported.')));
      const err = await failure(deleteManifest(opts(), 'team/app', digest));
      expect(err.code).toBe('ENGINE_ERROR');
      expect(err.message).toContain('has deleting images turned off');
      expect(err.hint).toContain('storage.delete.enabled: true');
    }
    registry.handle((_req, res) => sendJson(res, 404, registryErrorBody('MANIFEST_UNKNOWN', 'manifest unknown')));
    expect((await failure(deleteManifest(opts(), 'team/app', digest))).code).toBe('NOT_FOUND');
    expect((await failure(deleteManifest(opts(), 'team/app', 'latest'))).code).toBe('INVALID_ARGUMENT');
  });

  it('pings /v2/: 200 and 401 both mean a registry; anything else is an error', async () => {
    for (const status of [200, 401]) {
      registry.handle((_req, res) => sendJson(res, status, {}));
      const pong = await pingRegistry(opts());
      expect(pong.status).toBe(status);
      expect(pong.ms).toBeGreaterThanOrEqual(0);
    }
    registry.handle((_req, res) => sendJson(res, 404, 'not here'));
    expect((await failure(pingRegistry(opts()))).message).toContain('HTTP 404 at /v2/');
    expect(registry.hits.every((h) => h.path === '/v2/' && h.authorization === undefined)).toBe(true);
  });
});

describe('names that reach a URL', () => {
  // The grammar, written out again independently of the implementation (with `-+` for Docker's
  // `[-]*`: the same names, without exponential backtracking).
  const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
  const REPO = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);
  const TAG = /^[\w][\w.-]{0,127}$/;
  const DIGEST = /^sha256:[a-f0-9]{64}$/;
  const piece = fc.constantFrom('a', 'b9', '/', '.', '_', '__', '-', '--', '..', '%2f', '?', '#', ' ', 'A', ':', '@', '\n', '\u0130', '\\', 'x'.repeat(60));
  const nameLike = fc.oneof(fc.string({ maxLength: 40 }), fc.array(piece, { maxLength: 12 }).map((p) => p.join('')));

  it('refuses a long near-miss name at once (no catastrophic backtracking)', async () => {
    const started = performance.now();
    for (const name of [`${'a'.repeat(250)}!`, `${'a-'.repeat(120)}-!`, `${'a'.repeat(254)}A`]) {
      expect((await failure(listTags(opts(), name))).code).toBe('INVALID_ARGUMENT');
    }
    expect(performance.now() - started).toBeLessThan(200);
    expect(registry.hits).toEqual([]);
  });

  it('refuses any repository or reference outside the grammar before a request; the rest reach exactly their path', async () => {
    registry.handle((_req, res) => sendJson(res, 200, { name: 'x', tags: [] }));
    await fc.assert(
      fc.asyncProperty(nameLike, nameLike, async (repo, ref) => {
        const before = registry.hits.length;
        const repoOk = repo.length <= 255 && REPO.test(repo);
        const tags = listTags(opts({ timeoutMs: 2000 }), repo);
        if (!repoOk) {
          expect((await failure(tags)).code).toBe('INVALID_ARGUMENT');
          expect(registry.hits.length).toBe(before);
        } else {
          await tags;
          expect(registry.hits.at(-1)!.path).toBe(`/v2/${repo}/tags/list`);
        }
        const refOk = TAG.test(ref) || DIGEST.test(ref);
        if (!repoOk || !refOk) {
          const before2 = registry.hits.length;
          expect((await failure(getManifest(opts(), repo, ref))).code).toBe('INVALID_ARGUMENT');
          expect(registry.hits.length).toBe(before2);
        }
      }),
      { numRuns: 300 },
    );
  });
});
