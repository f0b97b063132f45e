import { describe, expect, it } from 'vitest';
import { imagesNamedBy, kindsChangedBy } from './event-kinds';

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

describe('which images an engine event names', () => {
  const id = `sha256:${'ab'.repeat(32)}`;
  it('names the image by its ID for tag, untag, delete, load and import, and by name for a pull', () => {
    for (const Action of ['tag', 'untag', 'delete', 'load', 'import']) expect(imagesNamedBy({ Type: 'image', Action, Actor: { ID: id } })).toEqual([id]);
    expect(imagesNamedBy({ Type: 'image', Action: 'pull', Actor: { ID: 'registry.local:5000/app:1.0' } })).toEqual(['registry.local:5000/app:1.0']);
  });

  it('names no image for a container coming or going, and says "unknown" for a commit', () => {
    expect(imagesNamedBy({ Type: 'container', Action: 'create', Actor: { ID: 'abc' } })).toEqual([]);
    expect(imagesNamedBy({ Type: 'container', Action: 'commit', Actor: { ID: 'abc' } })).toBeNull();
  });

  it('says "unknown" rather than pass on an actor the contract would refuse', () => {
    for (const ID of [undefined, '', 42, 'UPPER/case:tag', 'a b', 'x'.repeat(5000), '../../containers/json', { id }]) {
      expect(imagesNamedBy({ Type: 'image', Action: 'tag', Actor: { ID } })).toBeNull();
    }
  });
});
