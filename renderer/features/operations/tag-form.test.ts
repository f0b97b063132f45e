import { describe, expect, it } from 'vitest';
import { checkTagInput, highlightPart, tagCommand, tagMoveEffect } from './tag-form';

const marked = (text: string) => {
  const verdict = checkTagInput(text);
  if (verdict.state !== 'invalid') throw new Error(`${text} is ${verdict.state}`);
  return highlightPart(text, verdict.problem, verdict.part)
    .filter((s) => s.bad)
    .map((s) => s.text);
};

describe('checkTagInput', () => {
  it('waits quietly while nothing is typed', () => {
    expect(checkTagInput('')).toEqual({ state: 'empty' });
    expect(checkTagInput('   ')).toEqual({ state: 'empty' });
  });

  it('normalises a valid name the way docker stores it', () => {
    expect(checkTagInput('nginx')).toEqual({ state: 'valid', target: 'nginx', full: 'docker.io/library/nginx:latest', familiar: 'nginx:latest' });
    expect(checkTagInput(' localhost:5000/team/app:1.0 ')).toMatchObject({ state: 'valid', target: 'localhost:5000/team/app:1.0', full: 'localhost:5000/team/app:1.0' });
  });

  it('reports the grammar’s problem code and the offending part', () => {
    expect(checkTagInput('Team/app')).toMatchObject({ state: 'invalid', problem: 'uppercase', part: 'Team' });
    expect(checkTagInput('app:-x')).toMatchObject({ state: 'invalid', problem: 'bad-tag', part: '-x' });
    expect(checkTagInput('app@sha256:' + 'a'.repeat(64))).toMatchObject({ state: 'invalid', problem: 'digest-not-allowed' });
    expect(checkTagInput('a//b')).toMatchObject({ state: 'invalid', problem: 'empty-component', part: null });
  });
});

describe('highlightPart', () => {
  it('marks the tag after the last colon, not an earlier equal text', () => {
    expect(checkTagInput('team/a-x:-x')).toMatchObject({ problem: 'bad-tag', part: '-x' });
    expect(highlightPart('team/a-x:-x', 'bad-tag', '-x')).toEqual([
      { text: 'team/a-x:', bad: false },
      { text: '-x', bad: true },
    ]);
  });

  it('marks a path component after the registry host, not inside it', () => {
    // Registry hosts may have capitals; repository names may not.
    expect(checkTagInput('Team.io/Team')).toMatchObject({ problem: 'uppercase', part: 'Team' });
    expect(highlightPart('Team.io/Team', 'uppercase', 'Team')).toEqual([
      { text: 'Team.io/', bad: false },
      { text: 'Team', bad: true },
    ]);
    expect(marked('team/App')).toEqual(['App']);
  });

  it('marks the registry port and a bad character', () => {
    expect(marked('localhost:abc/app')).toEqual(['abc']);
    expect(marked('my app')).toEqual([' ']);
  });

  it('leaves the text whole when there is no part to mark', () => {
    expect(highlightPart('a//b', 'empty-component', null)).toEqual([{ text: 'a//b', bad: false }]);
    expect(highlightPart('', 'empty', null)).toEqual([]);
  });
});

describe('tagCommand', () => {
  it('shows the command with what was typed, and a placeholder before that', () => {
    expect(tagCommand('fixture/busybox:1', '')).toBe('docker tag fixture/busybox:1 TARGET');
    expect(tagCommand('fixture/busybox:1', ' nginx ')).toBe('docker tag fixture/busybox:1 nginx');
    expect(tagCommand('ca071a5b7e38', "it's")).toBe(`docker tag ca071a5b7e38 'it'\\''s'`);
  });
});

describe('tagMoveEffect: Docker moves a tag without asking, the dialog says so first', () => {
  const image = (id: string, repoTags: string[]) => ({ id, parentId: '', repoTags, repoDigests: [], created: 1, size: 1, labels: {}, containers: -1 });
  const list = [image('sha256:a', ['app:1']), image('sha256:b', ['app:2', 'app:stable'])];

  it('a new name moves nothing', () => {
    expect(tagMoveEffect(list, 'sha256:a', 'app:3')).toEqual({ kind: 'new' });
  });

  it('a name the image already has changes nothing', () => {
    expect(tagMoveEffect(list, 'sha256:a', 'app:1')).toEqual({ kind: 'same-image' });
  });

  it('names the image that loses the name, and whether it becomes untagged', () => {
    expect(tagMoveEffect(list, 'sha256:b', 'app:1')).toEqual({ kind: 'moves', from: 'sha256:a', fromCreated: 1, otherTags: [], becomesUntagged: true });
    expect(tagMoveEffect(list, 'sha256:a', 'app:2')).toEqual({ kind: 'moves', from: 'sha256:b', fromCreated: 1, otherTags: ['app:stable'], becomesUntagged: false });
  });
});
