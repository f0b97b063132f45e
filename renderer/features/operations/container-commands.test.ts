import { describe, expect, it } from 'vitest';
import { isActiveContainer } from '../../../shared/container-state';
import { ancestorListCommand, containerRemoveCommand, containerStopCommand } from './container-commands';

describe('container commands', () => {
  it('name the container the way a user types it', () => {
    expect(containerRemoveCommand('stevedore-fixture-used')).toBe('docker rm stevedore-fixture-used');
    expect(containerStopCommand('web.1')).toBe('docker stop web.1');
    expect(ancestorListCommand('fixture/used:1')).toBe('docker ps -a --filter ancestor=fixture/used:1');
  });

  it('treats running, paused and restarting containers as in use; created and exited as removable', () => {
    expect(['running', 'paused', 'restarting'].map(isActiveContainer)).toEqual([true, true, true]);
    expect(['created', 'exited', 'dead'].map(isActiveContainer)).toEqual([false, false, false]);
  });
});
