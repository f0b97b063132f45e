import { describe, expect, it } from 'vitest';
import { parseReference, parseTagTarget, visibleChar } from './reference';
import { TAG_TARGET_CASES } from './reference-cases';
import type { ReferenceProblem } from './reference';

/** What each kind of message must say, in the words the user reads. */
const PROBLEM_WORDS: Record<ReferenceProblem, RegExp> = {
  empty: /Enter an image name|repository name is missing/,
  'hex-id': /is an image ID, not a name/,
  uppercase: /must be lowercase: ".*" → ".*"/,
  'name-too-long': /characters long; the limit is 255/,
  'empty-component': /empty part/,
  'bad-component': /is not allowed in a repository name/,
  'bad-domain': /is not a valid registry (host|address)/,
  'bad-port': /port ".*" must be a number/,
  'bad-tag': /The tag ".*" is not valid/,
  'bad-digest': /is not a digest/,
  scheme: /Leave out "http:\/\/"/,
  'ambiguous-name': /name of a digest algorithm/,
  'digest-not-allowed': /A tag cannot contain a digest/,
  'bad-character': /cannot appear in an image reference/,
};

describe('parseTagTarget: the docker tag grammar, case by case', () => {
  it('has a table of at least 60 references', () => {
    expect(TAG_TARGET_CASES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(TAG_TARGET_CASES.map((c) => [c.input, c.expect] as const))('%j → %j', (input, expected) => {
    const verdict = parseTagTarget(input);
    if ('full' in expected) {
      expect(verdict).toMatchObject({ ok: true, ref: { full: expected.full } });
    } else {
      expect(verdict).toMatchObject({ ok: false, problem: expected.problem, message: PROBLEM_WORDS[expected.problem] });
      // The message quotes the part that is wrong, so the user sees where to look (a 70-character
      // digest is highlighted in the field instead of repeated).
      if (!verdict.ok && verdict.part && verdict.problem !== 'digest-not-allowed') expect(verdict.message).toContain(visibleChar(verdict.part));
    }
  });
});

describe('normalised names', () => {
  it('shows what nginx really means, and how the CLI prints it', () => {
    expect(parseReference('nginx')).toMatchObject({ ok: true, ref: { full: 'docker.io/library/nginx:latest', familiar: 'nginx:latest', familiarName: 'nginx' } });
    expect(parseReference('localhost:5000/app:1')).toMatchObject({ ok: true, ref: { familiar: 'localhost:5000/app:1', domain: 'localhost:5000', path: 'app' } });
  });

  it('accepts a digest where a digest is allowed, with no default tag', () => {
    const digest = 'sha256:' + 'a'.repeat(64);
    expect(parseReference(`nginx@${digest}`)).toMatchObject({ ok: true, ref: { tag: null, digest, full: `docker.io/library/nginx@${digest}` } });
    expect(parseReference('nginx@sha256:abc')).toMatchObject({ ok: false, problem: 'bad-digest' });
    // Exactly 64 lowercase hex for sha256, and only the algorithms go-digest knows.
    expect(parseReference(`a@sha256:${'a'.repeat(63)}`)).toMatchObject({ ok: false, problem: 'bad-digest' });
    expect(parseReference(`a@sha256:${'F'.repeat(64)}`)).toMatchObject({ ok: false, problem: 'bad-digest' });
    expect(parseReference(`a@md5:${'a'.repeat(32)}`)).toMatchObject({ ok: false, problem: 'bad-digest', message: expect.stringContaining('sha256:, sha384: or sha512:') });
    expect(parseReference(`a@sha512:${'a'.repeat(128)}`)).toMatchObject({ ok: true });
  });

  it('shows invisible and control characters by code point instead of quoting nothing', () => {
    expect(parseReference('app\r')).toMatchObject({ ok: false, message: '"U+000D" cannot appear in an image reference.' });
    expect(parseReference('app\u202egnp.exe')).toMatchObject({ ok: false, message: expect.stringContaining('U+202E') });
  });

  it('names the offending part so the UI can point at it', () => {
    expect(parseTagTarget('team/App')).toMatchObject({ part: 'App' });
    expect(parseTagTarget('app:-x')).toMatchObject({ part: '-x' });
  });
});
