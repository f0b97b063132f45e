import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../scripts/test-env/fixture-names.mjs';
import { BackendError } from '../../../shared/errors';
import { dockerCli } from '../test-support/backend-harness';
import { testEngines, testEnv } from '../test-support/test-env';
import { deleteManifest, getManifest, listRepositories, listTags, pingRegistry, type RegistryApiOptions } from './registry-api';
import { rejection } from './test-support/rejection';

/** The digest `docker push` printed: "1: digest: sha256:… size: 527". */
function pushedDigest(output: string): string {
  const m = /digest: (sha256:[a-f0-9]{64})/.exec(output);
  if (!m) throw new Error(`no digest in docker push output:\n${output}`);
  return m[1]!;
}

const failure = rejection;

// One engine is enough: this talks to the registry itself, the engine only pushes.
const engine = testEngines()[0]!;

describe(`the Registry API client against the private registry (pushed from ${engine.label})`, () => {
  const { registry } = testEnv();
  const o: RegistryApiOptions = { registry: registry.address, auth: { username: registry.username, password: registry.password, serveraddress: registry.address }, insecure: true };
  const repo = 'browse/x';
  const ref = `${registry.address}/${repo}`;
  let digest: string;

  beforeAll(() => {
    dockerCli(engine, 'tag', FIXTURES.base, `${ref}:1`);
    dockerCli(engine, 'tag', FIXTURES.base, `${ref}:also`);
    digest = pushedDigest(dockerCli(engine, 'push', `${ref}:1`));
    dockerCli(engine, 'push', `${ref}:also`);
  });
  afterAll(() => {
    for (const name of [`${ref}:1`, `${ref}:also`]) {
      try {
        dockerCli(engine, 'rmi', name);
      } catch {
        // Already gone.
      }
    }
  });

  it('pings: the registry answers 401 to an anonymous /v2/', async () => {
    const pong = await pingRegistry({ ...o, auth: null });
    expect(pong.status).toBe(401);
    expect(pong.ms).toBeLessThan(5000);
  });

  it('finds the repository in the catalog, paging two at a time through its Link headers', async () => {
    const all: string[] = [];
    let last: string | undefined;
    for (let pages = 0; pages < 500; pages++) {
      const page = await listRepositories(o, { n: 2, ...(last === undefined ? {} : { last }) });
      expect(page.repositories.length).toBeLessThanOrEqual(2);
      all.push(...page.repositories);
      if (page.next === null) break;
      last = page.next;
    }
    expect(all).toContain(repo);
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual(all);
  });

  it('lists its tags', async () => {
    expect((await listTags(o, repo)).tags.sort()).toEqual(['1', 'also']);
    // Paging tags came with distribution v3 (Debian's 2.8 ignores n and sends them all): either way
    // following `next` ends with every tag exactly once.
    const paged: string[] = [];
    let last: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await listTags(o, repo, { n: 1, ...(last === undefined ? {} : { last }) });
      paged.push(...page.tags);
      if (page.next === null) break;
      expect(page.tags).toHaveLength(1);
      last = page.next;
    }
    expect(paged.sort()).toEqual(['1', 'also']);
  });

  it('reads the manifest: the digest docker push printed and RepoDigests hold, the layers, the created time', async () => {
    const m = await getManifest(o, repo, '1');
    expect(m.digest).toBe(digest);
    expect(dockerCli(engine, 'image', 'inspect', '-f', '{{json .RepoDigests}}', `${ref}:1`)).toContain(`${ref}@${digest}`);
    const layerCount = JSON.parse(dockerCli(engine, 'image', 'inspect', '-f', '{{json .RootFS.Layers}}', `${ref}:1`)) as string[];
    expect(m.layers).toHaveLength(layerCount.length);
    expect(m.totalSize).toBe(m.layers.reduce((s, l) => s + l.size, 0));
    expect(m.totalSize).toBeGreaterThan(100_000);
    expect(m.totalSize).toBeLessThan(50_000_000);
    for (const l of m.layers) expect(l.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(m.configDigest).toMatch(/^sha256:[a-f0-9]{64}$/);
    const created = dockerCli(engine, 'image', 'inspect', '-f', '{{.Created}}', `${ref}:1`);
    expect(m.created).not.toBeNull();
    expect(Math.abs(Date.parse(m.created!) - Date.parse(created))).toBeLessThan(1000);
    // By digest: the same answer, its body checked against the digest asked for.
    expect(await getManifest(o, repo, digest)).toEqual(m);
  });

  it('says AUTH for a wrong password and for none, naming the registry; NOT_FOUND for a tag it lacks', async () => {
    const wrong = await failure(listTags({ ...o, auth: { username: registry.username, password: 'not-the-password', serveraddress: registry.address } }, repo));
    expect(wrong.code).toBe('AUTH');
    expect(wrong.message).toContain(registry.address);
    expect(JSON.stringify(wrong.toData())).not.toContain('not-the-password');
    expect((await failure(listRepositories({ ...o, auth: null }))).code).toBe('AUTH');
    expect((await failure(getManifest(o, repo, 'no-such-tag'))).code).toBe('NOT_FOUND');
  });

  it('says NETWORK for a registry nobody answers at', async () => {
    expect((await failure(listRepositories({ ...o, registry: '127.0.0.1:1' }))).code).toBe('NETWORK');
  });

  it('deletes the manifest by digest: every tag of it goes, and the digest is gone', async () => {
    await deleteManifest(o, repo, digest);
    const after = await listTags(o, repo).then(
      (page) => page.tags,
      (err: unknown) => {
        // A repository left without tags may be reported as unknown.
        expect((err as BackendError).code).toBe('NOT_FOUND');
        return [];
      },
    );
    expect(after).not.toContain('1');
    expect(after).not.toContain('also');
    expect((await failure(getManifest(o, repo, digest))).code).toBe('NOT_FOUND');
    expect((await failure(deleteManifest(o, repo, digest))).code).toBe('NOT_FOUND');
  });

  it.runIf(engine.name === 'containerd')('reads a pushed multi-platform index: its platforms, and the linux/amd64 image', async () => {
    const multi = `${registry.address}/browse/multi:1`;
    dockerCli(engine, 'tag', FIXTURES.multiPlatform, multi);
    try {
      const pushed = pushedDigest(dockerCli(engine, 'push', multi));
      const m = await getManifest(o, 'browse/multi', '1');
      expect(m.digest).toBe(pushed);
      expect(m.mediaType).toMatch(/index|list/);
      expect(m.platforms.map((p) => p.platform)).toEqual(expect.arrayContaining(['linux/amd64', 'linux/arm64/v8']));
      expect(m.layers.length).toBeGreaterThan(0);
      expect(m.created).not.toBeNull();
      await deleteManifest(o, 'browse/multi', m.digest);
    } finally {
      dockerCli(engine, 'rmi', multi);
    }
  });
});
