import { describe, expect, it } from 'vitest';
import { MAX_CHANGES } from '../../../shared/image-changes';
import { changeLines, checkChangesText } from './change-problems';

const problem = (text: string) => {
  const verdict = checkChangesText(text);
  if (verdict.ok) throw new Error(`${JSON.stringify(text)} passed`);
  return { line: verdict.line, problem: verdict.problem, instruction: verdict.instruction };
};

describe('checkChangesText', () => {
  it('accepts the instructions docker commit and import take, skipping blank lines', () => {
    expect(checkChangesText('CMD ["/bin/sh"]\n\n  ENV A=1  \nexpose 80/tcp')).toEqual({ ok: true, changes: ['CMD ["/bin/sh"]', 'ENV A=1', 'expose 80/tcp'] });
    expect(checkChangesText('')).toEqual({ ok: true, changes: [] });
  });

  it('names the line and the rule it breaks', () => {
    expect(problem('CMD ["/bin/sh"]\nRUN apt-get update')).toEqual({ line: 2, problem: 'not-allowed', instruction: 'RUN' });
    expect(problem('\n\nWORKDIR')).toEqual({ line: 3, problem: 'needs-value', instruction: 'WORKDIR' });
    expect(problem('CMD ["/bin/sh"')).toEqual({ line: 1, problem: 'json-array', instruction: 'CMD' });
    expect(problem('EXPOSE http')).toEqual({ line: 1, problem: 'port', instruction: 'EXPOSE' });
    expect(problem('LABEL novalue')).toEqual({ line: 1, problem: 'key-value', instruction: 'LABEL' });
    expect(problem('STOPSIGNAL now!')).toEqual({ line: 1, problem: 'signal', instruction: 'STOPSIGNAL' });
    expect(problem('["/bin/sh"]')).toEqual({ line: 1, problem: 'no-instruction', instruction: null });
    expect(problem(`ENV A=${'x'.repeat(5000)}`)).toEqual({ line: 1, problem: 'too-long', instruction: null });
    expect(problem('ENV A=1\rB=2')).toEqual({ line: 1, problem: 'control', instruction: null });
  });

  it('says when there are too many changes', () => {
    const text = Array.from({ length: MAX_CHANGES + 1 }, (_, i) => `ENV K${i}=v`).join('\n');
    expect(problem(text).problem).toBe('too-many');
    expect(problem(`${text}\n\n`).problem).toBe('too-many');
  });

  it('keeps the shared checker’s English as the detail', () => {
    const verdict = checkChangesText('RUN x');
    expect(verdict.ok ? '' : verdict.message).toMatch(/RUN cannot be changed here/);
  });
});

describe('changeLines', () => {
  it('is what the command carries: trimmed, non-blank lines', () => {
    expect(changeLines(' CMD x \n\nRUN y\n')).toEqual(['CMD x', 'RUN y']);
  });
});
