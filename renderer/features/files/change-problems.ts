import { CHANGE_INSTRUCTIONS, checkChange, MAX_CHANGE_LENGTH, parseChanges } from '../../../shared/image-changes';

/** Which rule a `-c` line breaks, so each language can say it; the shared checker's English stays as detail. */
export type ChangeProblem = 'too-long' | 'control' | 'no-instruction' | 'not-allowed' | 'needs-value' | 'json-array' | 'port' | 'key-value' | 'signal' | 'too-many' | 'other';

export type ChangesCheck =
  | { ok: true; changes: string[] }
  | { ok: false; line: number; problem: ChangeProblem; instruction: string | null; message: string };

const JSON_FORMS = new Set(['CMD', 'ENTRYPOINT', 'VOLUME']);

/** parseChanges decides; this names the rule from the line itself, in the order checkChange applies them. */
function classify(line: string): { problem: ChangeProblem; instruction: string | null } {
  // parseChanges skips blank lines, so one it points at (or a good one) is where the count ran over.
  if (line === '' || checkChange(line).ok) return { problem: 'too-many', instruction: null };
  if (line.length > MAX_CHANGE_LENGTH) return { problem: 'too-long', instruction: null };
  if (/[\r\n\0]/.test(line)) return { problem: 'control', instruction: null };
  const match = /^\s*([A-Za-z]+)(?:\s+([\s\S]*))?$/.exec(line);
  if (!match) return { problem: 'no-instruction', instruction: null };
  const instruction = match[1]!.toUpperCase();
  if (!(CHANGE_INSTRUCTIONS as readonly string[]).includes(instruction)) return { problem: 'not-allowed', instruction };
  if ((match[2] ?? '').trim() === '') return { problem: 'needs-value', instruction };
  if (JSON_FORMS.has(instruction)) return { problem: 'json-array', instruction };
  if (instruction === 'EXPOSE') return { problem: 'port', instruction };
  if (instruction === 'ENV' || instruction === 'LABEL') return { problem: 'key-value', instruction };
  if (instruction === 'STOPSIGNAL') return { problem: 'signal', instruction };
  return { problem: 'other', instruction };
}

/** The changes box as typed: one Dockerfile instruction a line, blank lines ignored. */
export function checkChangesText(text: string): ChangesCheck {
  const verdict = parseChanges(text);
  if (verdict.ok) return verdict;
  const line = text.split('\n')[verdict.line - 1]?.trim() ?? '';
  return { ok: false, line: verdict.line, message: verdict.message, ...classify(line) };
}

/** The lines as the command would carry them, shown even while one is wrong, so the hint follows the typing. */
export function changeLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}
