// Builds the fixture images on the private engine (see scripts/test-engine.mjs). Idempotent.
// Usage: node scripts/fixtures.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readTestEnv } from './test-engine.mjs';
import { FIXTURES } from './test-env/fixture-names.mjs';
import { writeMultiPlatformArchive } from './test-env/oci-archive.mjs';
import { dockerFor } from './test-env/docker-cli.mjs';

export { FIXTURES };

const DOCKERFILES = {
  base: `FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
# USER root needs a passwd entry to resolve.
RUN mkdir -p /etc /tmp /root && echo 'root:x:0:0:root:/root:/bin/sh' > /etc/passwd && echo 'root:x:0:' > /etc/group
LABEL org.opencontainers.image.title=busybox-fixture
ENV FIXTURE=base
WORKDIR /
EXPOSE 8080/tcp
USER root
CMD ["/bin/sh"]
`,
  // Each RUN is its own layer on purpose: a later layer deletes a file (whiteout) and replaces a
  // directory (opaque whiteout).
  layers: `FROM ${FIXTURES.base}
RUN mkdir -p /data/keep /data/replace && echo keep > /data/keep/k && echo old > /data/replace/old && echo gone > /data/delete-me
RUN rm /data/delete-me
RUN rm -rf /data/replace && mkdir /data/replace && echo new > /data/replace/new
RUN dd if=/dev/urandom of=/data/blob bs=1024 count=512
ENV LAYERS=yes
ENTRYPOINT ["/bin/sh", "-c"]
CMD ["echo hello"]
`,
  child: `FROM ${FIXTURES.base}
RUN echo child > /child.txt
LABEL stevedore.fixture=child
`,
  // Two different images built under one tag leave the first one dangling. The build cache keeps
  // re-runs from piling up new dangling images: they just swap the same two IDs back and forth.
  danglingA: `FROM ${FIXTURES.base}
RUN echo dangling-fixture-first > /d.txt
`,
  danglingB: `FROM ${FIXTURES.base}
RUN echo dangling-fixture-second > /d.txt
`,
  used: `FROM ${FIXTURES.base}
RUN echo used > /used.txt
`,
};

/** Builds the fixtures on every engine of the test environment. */
export async function buildFixtures(env) {
  if (!env) throw new Error('no test environment: run `node scripts/test-engine.mjs start` first');
  const results = {};
  for (const engine of Object.values(env.engines ?? { only: env })) {
    console.log(`fixtures: on ${engine.label ?? engine.dockerHost}`);
    results[engine.name ?? 'only'] = await buildFixturesOn({ ...engine, registry: env.registry });
  }
  return results;
}

/** Builds the fixtures on one engine ({ dockerHost, dockerConfig, registry }). */
export async function buildFixturesOn(env) {
  const docker = dockerFor(env);
  const t0 = Date.now();
  const step = (label, fn) => {
    const t = Date.now();
    const out = fn();
    console.log(`fixtures: ${label} (${Date.now() - t} ms)`);
    return out;
  };

  const ctx = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-ctx-'));
  try {
    fs.copyFileSync('/bin/busybox', path.join(ctx, 'busybox'));
    for (const [name, text] of Object.entries(DOCKERFILES)) fs.writeFileSync(path.join(ctx, `Dockerfile.${name}`), text);
    // The private engine has no bridge network, so build steps run without one; --force-rm keeps a
    // failed step from leaving its container behind.
    const build = (name, tag) => docker(['build', '-q', '--force-rm', '--network', 'none', '-f', path.join(ctx, `Dockerfile.${name}`), '-t', tag, ctx]);

    const baseId = step(`built ${FIXTURES.base}`, () => build('base', FIXTURES.base));
    step(`tagged ${FIXTURES.multiTag.length - 1} more names`, () => {
      for (const tag of FIXTURES.multiTag.slice(1)) docker(['tag', FIXTURES.base, tag]);
    });
    step(`built ${FIXTURES.layered}`, () => build('layers', FIXTURES.layered));
    step(`built ${FIXTURES.child}`, () => build('child', FIXTURES.child));
    step(`built dangling pair under ${FIXTURES.danglingTag}`, () => {
      build('danglingA', FIXTURES.danglingTag);
      build('danglingB', FIXTURES.danglingTag);
    });
    const dangling = docker(['images', '-q', '--no-trunc', '-f', 'dangling=true']).split('\n').filter(Boolean);
    if (dangling.length === 0) throw new Error('expected at least one dangling image, found none');

    step(`built ${FIXTURES.usedByContainer} + container ${FIXTURES.containerName}`, () => {
      build('used', FIXTURES.usedByContainer);
      docker(['rm', '-f', FIXTURES.containerName], { allowFail: true });
      docker(['create', '--name', FIXTURES.containerName, '--network', 'none', FIXTURES.usedByContainer]);
    });

    const { address, username, password } = env.registry;
    const pushed = FIXTURES.pushed(address);
    step(`pushed ${pushed}`, () => {
      docker(['login', '-u', username, '--password-stdin', address], { input: password });
      docker(['tag', FIXTURES.base, pushed]);
      docker(['push', pushed]);
    });

    if (env.name === 'containerd') {
      const t = Date.now();
      const file = path.join(ctx, 'multi.tar');
      await writeMultiPlatformArchive(file, `docker.io/${FIXTURES.multiPlatform}`);
      docker(['load', '-q', '-i', file]);
      console.log(`fixtures: loaded ${FIXTURES.multiPlatform}, linux/amd64 + linux/arm64 (${Date.now() - t} ms)`);
    }

    const ids = new Set([...FIXTURES.multiTag, pushed].map((t) => docker(['image', 'inspect', '-f', '{{.Id}}', t])));
    if (ids.size !== 1 || !ids.has(baseId)) throw new Error(`multi-tag fixture split across images: ${[...ids]}`);
    const digests = JSON.parse(docker(['image', 'inspect', '-f', '{{json .RepoDigests}}', FIXTURES.base]));
    if (!digests.some((d) => d.startsWith(`${address}/`))) throw new Error(`no RepoDigest for ${address}: ${digests}`);

    // A count, not the listing: the engine may also hold the realistic-scale set (hundreds of rows).
    console.log(`fixtures: the engine holds ${docker(['images', '-a', '-q']).split('\n').filter(Boolean).length} images in all`);
    console.log(`fixtures: base ${baseId.slice(7, 19)}, ${dangling.length} dangling, digest ${digests[0]}`);
    console.log(`fixtures: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return { baseId, dangling, repoDigests: digests, pushed };
  } finally {
    fs.rmSync(ctx, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildFixtures(readTestEnv()).catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
