import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shellWord } from '../../../shared/removal-selection';
import { hostileString } from '../../../shared/test-support/hostile-values';

/** What bash makes of a quoted word: the bytes `printf %s WORD` prints. */
function bashSays(word: string): string {
  const r = spawnSync('bash', ['-c', `printf %s ${word}`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
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
    fc.assert(
      fc.property(fc.oneof(hostileString, fc.string({ unit: 'grapheme' })), (word) => {
        // bash strings cannot hold NUL; nothing we quote comes with one (validation refuses it).
        if (word.includes('\u0000') || word === '') return;
        expect(bashSays(shellWord(word))).toBe(word);
      }),
      { numRuns: 300 },
    );
  });
});
