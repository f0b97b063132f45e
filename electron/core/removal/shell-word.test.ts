import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shellWord } from '../../../shared/removal-selection';
import { hostileString } from '../../../shared/test-support/hostile-values';

/** What bash makes of quoted words: each word `printf '%s\0'` prints, in one bash (one spawn, not one per word). */
function bashSays(words: string[]): string[] {
  const r = spawnSync('bash', ['-c', `printf '%s\\0' ${words.join(' ')}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.split('\0').slice(0, -1);
}

describe('the docker commands shown for copying', () => {
  it('leave plain words alone', () => {
    expect(shellWord('nginx:1.27')).toBe('nginx:1.27');
    expect(shellWord('label=a=b')).toBe('label=a=b');
  });

  it('write invisible and bidi characters as escapes the reader can see', () => {
    expect(shellWord('label=\u202egnp.exe')).toBe("$'label=\\u202egnp.exe'");
    expect(shellWord('a\rb')).toBe("$'a\\u000db'");
  });

  it('property: bash reads every quoted word back as exactly the original text', () => {
    // bash strings cannot hold NUL; nothing we quote comes with one (validation refuses it).
    const words = fc.sample(fc.oneof(hostileString, fc.string({ unit: 'grapheme' })), 300).filter((w) => w !== '' && !w.includes('\u0000'));
    expect(bashSays(words.map(shellWord))).toEqual(words);
  });
});
