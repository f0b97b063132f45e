import { describe, expect, it } from 'vitest';
import { exportFileName, hostPathProblem, joinHostPath } from './export-path';

describe('hostPathProblem', () => {
  it('accepts full paths on either kind of host', () => {
    expect(hostPathProblem('/home/ana/Downloads/web.tar')).toBeNull();
    expect(hostPathProblem('C:\\Users\\ana\\web.tar')).toBeNull();
  });

  it('names the rule a path breaks', () => {
    expect(hostPathProblem('')).toBe('empty');
    expect(hostPathProblem('web.tar')).toBe('relative');
    expect(hostPathProblem('~/web.tar')).toBe('relative');
    expect(hostPathProblem('/tmp/')).toBe('folder');
    expect(hostPathProblem('/tmp/a\nb.tar')).toBe('control');
    expect(hostPathProblem('/' + 'a'.repeat(5000))).toBe('too-long');
  });
});

describe('export file names', () => {
  it('is the container’s name with .tar', () => {
    expect(exportFileName('stevedore-fixture-used')).toBe('stevedore-fixture-used.tar');
  });

  it('never starts hidden or holds a separator', () => {
    expect(exportFileName('.hidden/x')).toBe('hidden_x.tar');
    expect(exportFileName('')).toBe('container.tar');
  });

  it('joins with the host’s separator, once', () => {
    expect(joinHostPath('/home/ana', '/', 'a.tar')).toBe('/home/ana/a.tar');
    expect(joinHostPath('/', '/', 'a.tar')).toBe('/a.tar');
    expect(joinHostPath('C:\\Users\\ana', '\\', 'a.tar')).toBe('C:\\Users\\ana\\a.tar');
  });
});
