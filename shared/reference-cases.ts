import type { ReferenceProblem } from './reference';

/**
 * `docker tag` targets with the verdict Docker gives them. Shared by the unit test (our parser) and the
 * integration test (the engine's own answer), so a disagreement between the two shows up as a failure.
 * `engines` gives an engine's own verdict where it differs from ours: 20.10's older grammar refuses
 * IPv6 hosts and counts the registry host in the name length; 26.1 reads an uppercase first part as a
 * host (we refuse it on every engine: older ones call it an uppercase repository).
 */
export interface TagTargetCase {
  input: string;
  /** The normalised full name when valid, else the problem. */
  expect: { full: string } | { problem: ReferenceProblem };
  engines?: Partial<Record<'legacy' | 'containerd', boolean>>;
}

export const TAG_TARGET_CASES: TagTargetCase[] = [
  { input: 'nginx', expect: { full: 'docker.io/library/nginx:latest' } },
  { input: 'nginx:1.27', expect: { full: 'docker.io/library/nginx:1.27' } },
  { input: 'library/nginx:alpine', expect: { full: 'docker.io/library/nginx:alpine' } },
  { input: 'docker.io/nginx', expect: { full: 'docker.io/library/nginx:latest' } },
  { input: 'index.docker.io/library/nginx:1', expect: { full: 'docker.io/library/nginx:1' } },
  { input: 'team/app', expect: { full: 'docker.io/team/app:latest' } },
  { input: 'team/app:v1.0.0', expect: { full: 'docker.io/team/app:v1.0.0' } },
  { input: 'a/b/c/d:e', expect: { full: 'docker.io/a/b/c/d:e' } },
  { input: 'localhost/app', expect: { full: 'localhost/app:latest' } },
  { input: 'localhost:5000/app:1', expect: { full: 'localhost:5000/app:1' } },
  { input: '127.0.0.1:5055/fixture/busybox:1', expect: { full: '127.0.0.1:5055/fixture/busybox:1' } },
  { input: 'registry.example.com/team/app', expect: { full: 'registry.example.com/team/app:latest' } },
  { input: 'registry.example.com:443/team/app:2', expect: { full: 'registry.example.com:443/team/app:2' } },
  { input: 'my-registry.local:5000/x', expect: { full: 'my-registry.local:5000/x:latest' } },
  { input: 'm.example.io/docker.io/library/nginx', expect: { full: 'm.example.io/docker.io/library/nginx:latest' } },
  { input: 'registry.cn-hangzhou.aliyuncs.com/ns/app:1', expect: { full: 'registry.cn-hangzhou.aliyuncs.com/ns/app:1' } },
  { input: 'a', expect: { full: 'docker.io/library/a:latest' } },
  { input: '0', expect: { full: 'docker.io/library/0:latest' } },
  { input: 'a.b', expect: { full: 'docker.io/library/a.b:latest' } },
  { input: 'a_b', expect: { full: 'docker.io/library/a_b:latest' } },
  { input: 'a__b', expect: { full: 'docker.io/library/a__b:latest' } },
  { input: 'a-b', expect: { full: 'docker.io/library/a-b:latest' } },
  { input: 'a--b', expect: { full: 'docker.io/library/a--b:latest' } },
  { input: 'a---b/c', expect: { full: 'docker.io/a---b/c:latest' } },
  { input: 'app:_', expect: { full: 'docker.io/library/app:_' } },
  { input: 'app:_private', expect: { full: 'docker.io/library/app:_private' } },
  { input: 'app:1.0-rc.1_b2', expect: { full: 'docker.io/library/app:1.0-rc.1_b2' } },
  { input: 'app:UPPER', expect: { full: 'docker.io/library/app:UPPER' } },
  { input: `app:${'a'.repeat(128)}`, expect: { full: `docker.io/library/app:${'a'.repeat(128)}` } },
  { input: 'Foo/bar', expect: { problem: 'uppercase' }, engines: { containerd: true } },
  { input: 'Registry.Example.com/app', expect: { full: 'Registry.Example.com/app:latest' } },
  { input: 'localhost:5000', expect: { full: 'docker.io/library/localhost:5000' } },
  { input: 'ab12cd', expect: { full: 'docker.io/library/ab12cd:latest' } },
  { input: `${'a'.repeat(63)}`, expect: { full: `docker.io/library/${'a'.repeat(63)}:latest` } },
  { input: '[::1]:5000/app', expect: { full: '[::1]:5000/app:latest' }, engines: { legacy: false } },
  { input: '', expect: { problem: 'empty' } },
  { input: '   ', expect: { problem: 'empty' } },
  { input: ':tag', expect: { problem: 'empty' } },
  { input: 'Nginx', expect: { problem: 'uppercase' } },
  { input: 'team/App', expect: { problem: 'uppercase' } },
  { input: 'registry.example.com/Team/app', expect: { problem: 'uppercase' } },
  { input: 'a'.repeat(64).replace(/a/g, 'f'), expect: { problem: 'hex-id' } },
  { input: '-app', expect: { problem: 'bad-component' } },
  { input: 'app-', expect: { problem: 'bad-component' } },
  { input: '.app', expect: { problem: 'bad-component' } },
  { input: 'app.', expect: { problem: 'bad-component' } },
  { input: 'a..b', expect: { problem: 'bad-component' } },
  { input: 'a___b', expect: { problem: 'bad-component' } },
  { input: 'a._b', expect: { problem: 'bad-component' } },
  { input: '_app', expect: { problem: 'bad-component' } },
  { input: 'team//app', expect: { problem: 'empty-component' } },
  { input: 'team/', expect: { problem: 'empty-component' } },
  { input: '/app', expect: { problem: 'empty-component' } },
  { input: 'app:', expect: { problem: 'bad-tag' } },
  { input: 'app:-x', expect: { problem: 'bad-tag' } },
  { input: 'app:.x', expect: { problem: 'bad-tag' } },
  { input: `app:${'a'.repeat(129)}`, expect: { problem: 'bad-tag' } },
  { input: 'app:a+b', expect: { problem: 'bad-character' } },
  { input: 'my app', expect: { problem: 'bad-character' } },
  { input: 'app:v1 ', expect: { full: 'docker.io/library/app:v1' } },
  { input: 'app!', expect: { problem: 'bad-character' } },
  { input: 'app:1:2', expect: { problem: 'bad-component' } },
  { input: 'my_host:5000/app', expect: { problem: 'bad-domain' } },
  { input: '-host.com/app', expect: { problem: 'bad-domain' } },
  { input: 'host-.com/app', expect: { problem: 'bad-domain' } },
  { input: 'localhost:port/app', expect: { problem: 'bad-port' } },
  { input: 'localhost:/app', expect: { problem: 'bad-port' } },
  { input: `app@sha256:${'a'.repeat(64)}`, expect: { problem: 'digest-not-allowed' } },
  { input: `a/${'b'.repeat(250)}`, expect: { full: `docker.io/a/${'b'.repeat(250)}:latest` }, engines: { legacy: false } },
  { input: `a/${'b'.repeat(254)}`, expect: { problem: 'name-too-long' } },
  { input: `sha256:${'a'.repeat(64)}`, expect: { problem: 'ambiguous-name' } },
  { input: 'http://registry.example.com/app', expect: { problem: 'scheme' } },
  { input: 'app\r', expect: { problem: 'bad-character' } },
  { input: 'app\u202e1', expect: { problem: 'bad-character' } },
];
