import { describe, expect, it } from 'vitest';
import type { ContainerBrief } from '../../../shared/removal-types';
import { DEFAULT_CONTAINER_SORT, filterContainers, nextContainerSort, sortContainers } from './containers-table';

const c = (name: string, over: Partial<ContainerBrief> = {}): ContainerBrief => ({
  id: `${name.replace(/[^a-f0-9]/g, '').padEnd(12, '0')}${'0'.repeat(52)}`,
  name,
  state: 'exited',
  created: 1000,
  imageId: 'sha256:' + 'a'.repeat(64),
  image: 'busybox:1',
  ...over,
});

const names = (list: readonly ContainerBrief[]) => list.map((x) => x.name);

describe('sorting containers', () => {
  it('lists newest first by default, as docker ps -a does', () => {
    const list = [c('old', { created: 1 }), c('new', { created: 3 }), c('mid', { created: 2 })];
    expect(names(sortContainers(list, DEFAULT_CONTAINER_SORT))).toEqual(['new', 'mid', 'old']);
  });

  it('sorts names numerically and without regard to case', () => {
    const list = [c('web-10'), c('Web-2'), c('web-1')];
    expect(names(sortContainers(list, { column: 'name', desc: false }))).toEqual(['web-1', 'Web-2', 'web-10']);
    expect(names(sortContainers(list, { column: 'name', desc: true }))).toEqual(['web-10', 'Web-2', 'web-1']);
  });

  it('puts running containers first when sorting by state, and breaks ties by age', () => {
    const list = [c('a', { state: 'exited', created: 5 }), c('b', { state: 'running', created: 1 }), c('c', { state: 'dead' }), c('d', { state: 'running', created: 9 }), c('e', { state: 'weird' })];
    expect(names(sortContainers(list, { column: 'state', desc: false }))).toEqual(['d', 'b', 'a', 'c', 'e']);
  });

  it('flips the clicked column, and starts a new one at its natural direction', () => {
    expect(nextContainerSort({ column: 'name', desc: false }, 'name')).toEqual({ column: 'name', desc: true });
    expect(nextContainerSort({ column: 'name', desc: false }, 'created')).toEqual({ column: 'created', desc: true });
    expect(nextContainerSort(DEFAULT_CONTAINER_SORT, 'image')).toEqual({ column: 'image', desc: false });
  });

  it('leaves the given list alone', () => {
    const list = [c('b'), c('a')];
    sortContainers(list, { column: 'name', desc: false });
    expect(names(list)).toEqual(['b', 'a']);
  });
});

describe('filtering containers', () => {
  const list = [
    c('prod-api-1', { image: 'registry.example.com/team/api:2.3', id: 'abc123' + '0'.repeat(58) }),
    c('prod-web-1', { image: 'nginx:1.27', id: 'def456' + '0'.repeat(58) }),
    c('dev-api', { image: 'registry.example.com/team/api:dev', id: 'fed789' + '0'.repeat(58) }),
  ];

  it('shows everything for blank text', () => {
    expect(filterContainers(list, '  ')).toHaveLength(3);
  });

  it('matches name, image and ID, case-insensitively', () => {
    expect(names(filterContainers(list, 'WEB'))).toEqual(['prod-web-1']);
    expect(names(filterContainers(list, 'nginx'))).toEqual(['prod-web-1']);
    expect(names(filterContainers(list, 'abc1'))).toEqual(['prod-api-1']);
    expect(names(filterContainers(list, 'sha256:fed7'))).toEqual(['dev-api']);
  });

  it('needs every word to match somewhere', () => {
    expect(names(filterContainers(list, 'api prod'))).toEqual(['prod-api-1']);
    expect(names(filterContainers(list, 'api :dev'))).toEqual(['dev-api']);
    expect(filterContainers(list, 'api nothing')).toEqual([]);
  });
});
