import type { ImageSummary } from '../../../shared/image-types';
import { parseTagTarget, pathStart, type ReferenceProblem } from '../../../shared/reference';
import { shellQuote } from '../images/docker-commands';

/** What the tag dialog knows about the text typed so far. */
export type TagInputState =
  | { state: 'empty' }
  | { state: 'invalid'; problem: ReferenceProblem; message: string; part: string | null }
  | { state: 'valid'; target: string; full: string; familiar: string };

/** The shared grammar's verdict, shaped for the dialog; blank input is not an error yet, just unfinished. */
export function checkTagInput(input: string): TagInputState {
  if (input.trim() === '') return { state: 'empty' };
  const verdict = parseTagTarget(input);
  if (!verdict.ok) return { state: 'invalid', problem: verdict.problem, message: verdict.message, part: verdict.part ?? null };
  return { state: 'valid', target: input.trim(), full: verdict.ref.full, familiar: verdict.ref.familiar };
}

export interface Segment {
  text: string;
  bad: boolean;
}

/** Where to look for the offending `part`: the grammar names it by value, and the same text can occur twice. */
function searchFrom(text: string, problem: ReferenceProblem): number {
  switch (problem) {
    case 'bad-tag':
      return text.lastIndexOf(':') + 1;
    case 'bad-digest':
    case 'digest-not-allowed':
      return text.indexOf('@') + 1;
    case 'bad-port':
      return text.indexOf(':') + 1;
    case 'uppercase':
    case 'bad-component':
      return pathStart(text);
    default:
      return 0;
  }
}

/** The typed text split so the part the grammar rejects can be marked in place. */
export function highlightPart(text: string, problem: ReferenceProblem, part: string | null): Segment[] {
  const whole: Segment[] = text ? [{ text, bad: false }] : [];
  if (!part) return whole;
  const at = text.indexOf(part, searchFrom(text, problem));
  if (at < 0) return whole;
  return [
    { text: text.slice(0, at), bad: false },
    { text: part, bad: true },
    { text: text.slice(at + part.length), bad: false },
  ].filter((s) => s.text !== '');
}

/** `docker tag SOURCE TARGET`, with the placeholder until a target is typed. */
export function tagCommand(source: string, target: string): string {
  return `docker tag ${shellQuote(source)} ${target.trim() ? shellQuote(target.trim()) : 'TARGET'}`;
}

/** What tagging does to the image that has the name now: Docker moves a tag without asking. */
export type TagMove =
  | { kind: 'new' }
  | { kind: 'same-image' }
  | { kind: 'moves'; from: string; fromCreated: number; otherTags: string[]; becomesUntagged: boolean };

/** `familiar` is the name as the engine lists it (nginx:latest, reg:5000/app:1). */
export function tagMoveEffect(summaries: readonly ImageSummary[], sourceImageId: string, familiar: string): TagMove {
  const holder = summaries.find((s) => s.repoTags.includes(familiar));
  if (!holder) return { kind: 'new' };
  if (holder.id === sourceImageId) return { kind: 'same-image' };
  const otherTags = holder.repoTags.filter((t) => t !== familiar && !t.startsWith('<none>'));
  return { kind: 'moves', from: holder.id, fromCreated: holder.created, otherTags, becomesUntagged: otherTags.length === 0 };
}
