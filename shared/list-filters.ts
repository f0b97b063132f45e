import type { ImageRow } from './image-types';

/**
 * `docker images --filter` terms typed into the filter box, as users of the CLI type them:
 * `dangling=true`, `reference=busybox:1*`, `label=env`, `label=env=dev`. Every other word is plain
 * text matched against names, tags, IDs and digests. `before=` and `since=` are refused rather than
 * guessed: the engine compares creation times to the nanosecond, the list knows them to the second,
 * and images built in the same second (every fixture here) would land on the wrong side.
 */
export type ListFilterTerm =
  | { key: 'dangling'; value: boolean }
  | { key: 'reference'; pattern: string; matches: (name: string) => boolean }
  | { key: 'label'; name: string; value: string | null };

export interface ParsedQuery {
  /** Lower-cased plain words. */
  words: string[];
  terms: ListFilterTerm[];
  /** Terms the CLI would refuse, or that this box does not take, as typed, with what is wrong. */
  problems: { term: string; problem: 'dangling-value' | 'empty-value' | 'bad-pattern' | 'by-time' }[];
}

const KEYS = new Set(['dangling', 'reference', 'label', 'before', 'since']);
const BY_TIME = new Set(['before', 'since']);

/**
 * Go's path.Match, which `reference=` uses: `*` is any run of characters but `/`, `?` one such
 * character, `[…]` a class (`[^…]` negated), `\` escapes. Null for a pattern Go calls malformed.
 */
export function globMatcher(pattern: string): ((name: string) => boolean) | null {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '\\') {
      const next = pattern[++i];
      if (next === undefined) return null;
      source += escapeRegExp(next);
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) return null;
      let body = pattern.slice(i + 1, end);
      const negated = body.startsWith('^');
      if (negated) body = body.slice(1);
      if (body === '') return null;
      source += `[${negated ? '^/' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
      i = end;
    } else source += escapeRegExp(c);
  }
  let re: RegExp;
  try {
    re = new RegExp(`^${source}$`);
  } catch {
    return null;
  }
  return (name) => re.test(name);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function parseQuery(query: string): ParsedQuery {
  const parsed: ParsedQuery = { words: [], terms: [], problems: [] };
  for (const word of query.trim().split(/\s+/).filter(Boolean)) {
    const eq = word.indexOf('=');
    const key = eq > 0 ? word.slice(0, eq).toLowerCase() : '';
    if (!KEYS.has(key)) {
      parsed.words.push(word.toLowerCase());
      continue;
    }
    const value = word.slice(eq + 1);
    if (BY_TIME.has(key)) {
      parsed.problems.push({ term: word, problem: 'by-time' });
      continue;
    }
    if (value === '') {
      parsed.problems.push({ term: word, problem: 'empty-value' });
      continue;
    }
    if (key === 'dangling') {
      const v = value.toLowerCase();
      if (v === 'true' || v === '1') parsed.terms.push({ key, value: true });
      else if (v === 'false' || v === '0') parsed.terms.push({ key, value: false });
      else parsed.problems.push({ term: word, problem: 'dangling-value' });
    } else if (key === 'reference') {
      const matches = globMatcher(value);
      if (matches) parsed.terms.push({ key, pattern: value, matches });
      else parsed.problems.push({ term: word, problem: 'bad-pattern' });
    } else {
      const at = value.indexOf('=');
      parsed.terms.push(at < 0 ? { key: 'label', name: value, value: null } : { key: 'label', name: value.slice(0, at), value: value.slice(at + 1) });
    }
  }
  return parsed;
}

/** The terms as `docker images` flags, in the order typed. */
export function filterFlags(terms: readonly ListFilterTerm[]): string[] {
  return terms.map((t) => {
    switch (t.key) {
      case 'dangling':
        return `dangling=${t.value}`;
      case 'reference':
        return `reference=${t.pattern}`;
      case 'label':
        return t.value === null ? `label=${t.name}` : `label=${t.name}=${t.value}`;
    }
  });
}

/**
 * Whether a row passes the terms, as the engine decides for `docker images --filter`: each reference
 * pattern is tried on `repo:tag` and on `repo` alone, and any one of them may match (the engine ORs
 * them); every other term must hold.
 */
export function rowPassesTerms(row: ImageRow, terms: readonly ListFilterTerm[]): boolean {
  let references = 0;
  let referenced = false;
  for (const t of terms) {
    switch (t.key) {
      case 'dangling':
        if (row.dangling !== t.value) return false;
        break;
      case 'reference':
        references++;
        if (row.repository !== '<none>' && (t.matches(row.repository) || (row.tag !== '<none>' && t.matches(`${row.repository}:${row.tag}`)))) referenced = true;
        break;
      case 'label': {
        const labels = row.labels ?? {};
        if (!Object.prototype.hasOwnProperty.call(labels, t.name)) return false;
        if (t.value !== null && labels[t.name] !== t.value) return false;
        break;
      }
    }
  }
  return references === 0 || referenced;
}
