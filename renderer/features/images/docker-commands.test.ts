import { describe, expect, it } from 'vitest';
import { historyCommand, imagesListCommand, inspectCommand, shellQuote } from './docker-commands';
import { parseQuery } from '../../../shared/list-filters';

describe('imagesListCommand', () => {
  it('mirrors the toggles with the equivalent CLI flags', () => {
    expect(imagesListCommand({ all: false, usage: 'all' })).toBe('docker images');
    expect(imagesListCommand({ all: true, usage: 'all' })).toBe('docker images -a');
    expect(imagesListCommand({ all: false, usage: 'dangling' })).toBe('docker images --filter dangling=true');
    expect(imagesListCommand({ all: true, usage: 'dangling' })).toBe('docker images -a --filter dangling=true');
  });

  it('adds the --filter terms typed in the filter box, quoted for the shell, and no plain word', () => {
    const terms = parseQuery('web reference=fixture/* label=env=dev dangling=true').terms;
    expect(imagesListCommand({ all: false, usage: 'all', terms })).toBe("docker images --filter 'reference=fixture/*' --filter label=env=dev --filter dangling=true");
    expect(imagesListCommand({ all: false, usage: 'dangling', terms: parseQuery('dangling=true').terms })).toBe('docker images --filter dangling=true');
  });
});

describe('details commands', () => {
  it('name the image the way the user would type it', () => {
    expect(inspectCommand('busybox:1')).toBe('docker image inspect busybox:1');
    expect(historyCommand('localhost:5000/team/app:v2')).toBe('docker history --no-trunc localhost:5000/team/app:v2');
    expect(inspectCommand('repo@sha256:abc')).toBe('docker image inspect repo@sha256:abc');
  });
});

describe('shellQuote', () => {
  it('quotes only what a shell would misread', () => {
    expect(shellQuote('abc123def456')).toBe('abc123def456');
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('$(rm)')).toBe("'$(rm)'");
  });
});
