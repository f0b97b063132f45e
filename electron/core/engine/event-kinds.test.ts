import { describe, expect, it } from 'vitest';
import { kindsChangedBy } from './event-kinds';

describe('which lists an engine event makes stale', () => {
  it('refetches images on every change to names or content', () => {
    for (const Action of ['tag', 'untag', 'delete', 'load', 'import', 'pull', 'prune']) expect(kindsChangedBy({ Type: 'image', Action })).toEqual(['images']);
  });

  it('ignores reads of images, so reading content through docker save cannot loop into refetches', () => {
    for (const Action of ['save', 'push', 'inspect']) expect(kindsChangedBy({ Type: 'image', Action })).toEqual([]);
  });

  it('refetches images too when a container comes or goes, since that changes what is in use', () => {
    expect(kindsChangedBy({ Type: 'container', Action: 'create' })).toEqual(['containers', 'images']);
    expect(kindsChangedBy({ Type: 'container', Action: 'destroy' })).toEqual(['containers', 'images']);
    expect(kindsChangedBy({ Type: 'container', Action: 'start' })).toEqual(['containers']);
    expect(kindsChangedBy({ Type: 'container', Action: 'die' })).toEqual(['containers']);
  });

  it('ignores a container’s chatter: exec, health checks, attach, resize', () => {
    for (const Action of ['exec_create: sh', 'exec_start: sh', 'exec_die', 'health_status: healthy', 'attach', 'resize', 'top']) expect(kindsChangedBy({ Type: 'container', Action })).toEqual([]);
  });

  it('ignores other event types and missing fields', () => {
    expect(kindsChangedBy({ Type: 'network', Action: 'connect' })).toEqual([]);
    expect(kindsChangedBy({})).toEqual([]);
  });
});
