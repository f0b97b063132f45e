import { describe, expect, it } from 'vitest';
import { resolveDockerHost } from './docker-host';
import { negotiateApiVersion, MAX_API_VERSION } from './connection';
import { connectionProblem, toBackendError } from './engine-errors';

describe('resolveDockerHost: DOCKER_HOST as the docker CLI reads it', () => {
  it('prefers an explicit host, then DOCKER_HOST, then the platform socket', () => {
    expect(resolveDockerHost('unix:///tmp/a.sock', { DOCKER_HOST: 'tcp://x:2375' })).toMatchObject({ source: 'option', options: { socketPath: '/tmp/a.sock' } });
    expect(resolveDockerHost(undefined, { DOCKER_HOST: 'tcp://x:2375' })).toMatchObject({ source: 'DOCKER_HOST', options: { host: 'x', port: 2375, protocol: 'http' } });
    expect(resolveDockerHost(undefined, {})).toMatchObject({ source: 'default', display: expect.stringMatching(/^unix:\/\/.*docker\.sock$/) });
  });

  it('uses TLS on 2376 or with DOCKER_TLS_VERIFY, like the CLI', () => {
    expect(resolveDockerHost('tcp://h:2376', {}).options).toMatchObject({ protocol: 'https' });
    expect(resolveDockerHost('tcp://h:2375', { DOCKER_TLS_VERIFY: '1' }).options).toMatchObject({ protocol: 'https' });
  });

  it('understands ssh:// with a user and port', () => {
    expect(resolveDockerHost('ssh://ops@box:2222', {}).options).toMatchObject({ protocol: 'ssh', host: 'box', port: 2222, username: 'ops' });
  });

  it('names the accepted forms when the scheme is unknown', () => {
    expect(() => resolveDockerHost('ftp://x', {})).toThrow(/not supported/);
  });
});

describe('negotiateApiVersion', () => {
  it('speaks the older engine’s version, and never more than we know', () => {
    expect(negotiateApiVersion('1.41')).toBe('1.41');
    expect(negotiateApiVersion('1.51')).toBe(MAX_API_VERSION);
    expect(negotiateApiVersion(undefined)).toBe(MAX_API_VERSION);
  });
});

describe('engine errors become explanations', () => {
  it('tells a missing engine from a socket the user may not open', () => {
    expect(connectionProblem(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe('unreachable');
    expect(connectionProblem(Object.assign(new Error('x'), { code: 'EACCES' }))).toBe('permission-denied');
    expect(connectionProblem(new Error('plain'))).toBeNull();
  });

  it('maps permission problems to the docker-group fix', () => {
    const e = toBackendError(Object.assign(new Error('connect EACCES /var/run/docker.sock'), { code: 'EACCES' }), 'x');
    expect(e.toData()).toMatchObject({ code: 'PERMISSION_DENIED', hint: expect.stringContaining('usermod -aG docker') });
  });

  it('keeps the daemon’s own words for HTTP refusals', () => {
    const e = toBackendError({ statusCode: 409, json: { message: 'conflict: unable to delete' }, message: '(HTTP code 409)' }, 'Removing');
    expect(e.toData()).toMatchObject({ code: 'CONFLICT', detail: 'conflict: unable to delete' });
  });
});
