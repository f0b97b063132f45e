import { describe, expect, it } from 'vitest';
import { parseReference, parseTagTarget } from './reference';
import { TAG_TARGET_CASES } from './reference-cases';

describe('parseTagTarget: the docker tag grammar, case by case', () => {
  it('has a table of at least 60 references', () => {
    expect(TAG_TARGET_CASES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(TAG_TARGET_CASES.map((c) => [c.input, c.expect] as const))('%j → %j', (input, expected) => {
    const verdict = parseTagTarget(input);
    if ('full' in expected) {
      expect(verdict).toMatchObject({ ok: true, ref: { full: expected.full } });
    } else {
      expect(verdict).toMatchObject({ ok: false, problem: expected.problem });
      expect(!verdict.ok && verdict.message.length).toBeGreaterThan(20);
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
  });

  it('names the offending part so the UI can point at it', () => {
    expect(parseTagTarget('team/App')).toMatchObject({ part: 'App' });
    expect(parseTagTarget('app:-x')).toMatchObject({ part: '-x' });
  });
});
