import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { archiveFileName, commitCommand, importCommand, saveCommand, withArchiveExtension } from './file-commands';

describe('the commands behind the files features', () => {
  it('save to a file with -o, or through gzip when compressed', () => {
    expect(saveCommand(['nginx:1.27', 'redis'], '/tmp/out.tar', false)).toBe('docker save -o /tmp/out.tar nginx:1.27 redis');
    expect(saveCommand(['nginx:1.27'], '/tmp/my images/n.tar.gz', true)).toBe("docker save nginx:1.27 | gzip > '/tmp/my images/n.tar.gz'");
  });

  it('import and commit show each change as its own -c, quoted for the shell', () => {
    expect(importCommand('/tmp/fs.tar', 'app:1', 'from CI', ['CMD ["/app"]', 'ENV A=1'])).toBe(`docker import -m 'from CI' -c 'CMD ["/app"]' -c 'ENV A=1' /tmp/fs.tar app:1`);
    expect(commitCommand('web', undefined, { author: '', message: '', changes: [], pause: false })).toBe('docker commit --pause=false web');
  });

  it('name a save after its one image, safely, whatever the name holds', () => {
    expect(archiveFileName(['registry.example:5000/team/app:1.0'], false)).toBe('registry.example_5000_team_app_1.0.tar');
    expect(archiveFileName(['a', 'b'], true)).toBe('images.tar.gz');
    expect(archiveFileName([`sha256:${'ab12'.repeat(16)}`], false)).toBe('ab12ab12ab12.tar');
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 3 }), fc.boolean(), (refs, gzip) => {
        const name = archiveFileName(refs, gzip);
        expect(name).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*\.tar(\.gz)?$/);
        expect(name.length).toBeLessThanOrEqual(107);
      }),
    );
  });

  it('switch a path between .tar and .tar.gz', () => {
    expect(withArchiveExtension('/x/a.tar', true)).toBe('/x/a.tar.gz');
    expect(withArchiveExtension('/x/a.tgz', false)).toBe('/x/a.tar');
    expect(withArchiveExtension('/x/a', false)).toBe('/x/a.tar');
  });
});
