import { describe, expect, it } from 'vitest';
import { engineAdvice } from './engine-advice';

const down = (host: string, hostSource: 'DOCKER_HOST' | 'default' | 'option' = 'DOCKER_HOST') => engineAdvice({ state: 'unreachable', host, hostSource });

describe('how to get the engine back, for the engine the user configured', () => {
  it('the system socket: start the service, or Docker Desktop', () => {
    expect(down('unix:///var/run/docker.sock', 'default').map((s) => s.command)).toContain('sudo systemctl start docker');
  });
  it('a socket DOCKER_HOST points at: start what listens there, or unset DOCKER_HOST — not systemctl', () => {
    const steps = down('unix:///tmp/sd-x/e26/docker.sock');
    expect(steps.map((s) => s.key)).toEqual(['startCustomSocket', 'unsetDockerHost']);
    expect(JSON.stringify(steps)).not.toContain('systemctl');
  });
  it('a rootless engine and Docker Desktop have their own ways', () => {
    expect(down('unix:///run/user/1000/docker.sock')[0]).toEqual({ key: 'startRootless', command: 'systemctl --user start docker' });
    expect(down('unix:///home/me/.docker/run/docker.sock')[0]?.key).toBe('startDesktop');
  });
  it('tcp and ssh engines: check the network path, with the command that tests it', () => {
    expect(down('tcp://10.0.0.5:2376')).toEqual([{ key: 'checkTcp', command: 'docker -H tcp://10.0.0.5:2376 version' }, { key: 'checkTls' }]);
    expect(down('ssh://me@box')).toEqual([{ key: 'checkSsh', command: 'ssh me@box docker version' }]);
  });
  it('permission denied on the system socket: the docker group; on another socket: who owns it', () => {
    expect(engineAdvice({ state: 'permission-denied', host: 'unix:///var/run/docker.sock', hostSource: 'default' })[0]?.key).toBe('addToGroup');
    expect(engineAdvice({ state: 'permission-denied', host: 'unix:///srv/d.sock', hostSource: 'DOCKER_HOST' })).toEqual([{ key: 'socketOwner', command: 'ls -l /srv/d.sock' }]);
  });
});
