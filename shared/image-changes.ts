import { quoteValue } from './engine-names';

/**
 * `docker import -c` / `docker commit -c` take Dockerfile instructions, but only those that change the
 * image's configuration (moby: builder/dockerfile validCommitCommands). Checked here so the dialog marks
 * a bad line as it is typed, and the backend refuses it before the engine does with a vaguer message.
 */
export const CHANGE_INSTRUCTIONS = ['CMD', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'ONBUILD', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR'] as const;
export type ChangeInstruction = (typeof CHANGE_INSTRUCTIONS)[number];

export const MAX_CHANGE_LENGTH = 4096;
export const MAX_CHANGES = 64;

export type ChangeVerdict = { ok: true; instruction: ChangeInstruction } | { ok: false; message: string };

const PORT = /^\d{1,5}(-\d{1,5})?(\/(tcp|udp|sctp))?$/i;
const ENV_KEY = /^[^=\s]+$/;

function jsonArrayProblem(rest: string): string | null {
  if (!rest.startsWith('[')) return null;
  try {
    const parsed: unknown = JSON.parse(rest);
    if (Array.isArray(parsed) && parsed.every((p) => typeof p === 'string')) return null;
  } catch {
    /* reported below */
  }
  return 'starts with [ but is not a JSON array of strings, like ["nginx", "-g", "daemon off;"]';
}

/** One `-c` line, e.g. `ENV PATH=/app/bin:$PATH` or `CMD ["/app"]`. */
export function checkChange(line: string): ChangeVerdict {
  if (line.length > MAX_CHANGE_LENGTH) return { ok: false, message: `a change is at most ${MAX_CHANGE_LENGTH} characters` };
  if (/[\r\n\0]/.test(line)) return { ok: false, message: 'a change is one line' };
  const match = /^\s*([A-Za-z]+)(?:\s+([\s\S]*))?$/.exec(line);
  if (!match) return { ok: false, message: `${quoteValue(line)} does not start with an instruction such as CMD or ENV` };
  const keyword = match[1]!.toUpperCase();
  const rest = (match[2] ?? '').trim();
  if (!(CHANGE_INSTRUCTIONS as readonly string[]).includes(keyword)) {
    return { ok: false, message: `${keyword} cannot be changed here; use one of ${CHANGE_INSTRUCTIONS.join(', ')}` };
  }
  const instruction = keyword as ChangeInstruction;
  if (rest === '') return { ok: false, message: `${instruction} needs a value` };
  const json = jsonArrayProblem(rest);
  if (json && (instruction === 'CMD' || instruction === 'ENTRYPOINT' || instruction === 'VOLUME')) return { ok: false, message: `${instruction} ${json}` };
  if (instruction === 'EXPOSE') {
    const bad = rest.split(/\s+/).find((p) => !PORT.test(p) || p.split(/[-/]/).slice(0, 2).some((n) => /^\d+$/.test(n) && Number(n) > 65535));
    if (bad !== undefined) return { ok: false, message: `EXPOSE takes ports like 80, 443/tcp or 8000-8010/udp, not ${quoteValue(bad)}` };
  }
  if (instruction === 'ENV' || instruction === 'LABEL') {
    const first = rest.split(/[=\s]/)[0] ?? '';
    if (first === '' || !ENV_KEY.test(first)) return { ok: false, message: `${instruction} takes key=value` };
    if (instruction === 'LABEL' && !rest.includes('=')) return { ok: false, message: 'LABEL takes key=value' };
  }
  if (instruction === 'STOPSIGNAL' && !/^(SIG[A-Z0-9+-]+|[A-Z0-9+-]+|\d{1,3})$/i.test(rest)) {
    return { ok: false, message: 'STOPSIGNAL takes a signal like SIGTERM or 15' };
  }
  return { ok: true, instruction };
}

/** The lines of a changes box: blank lines dropped, each checked; the first problem names its line. */
export function parseChanges(text: string): { ok: true; changes: string[] } | { ok: false; line: number; message: string } {
  const lines = text.split('\n').map((l) => l.trim());
  const changes: string[] = [];
  for (const [i, line] of lines.entries()) {
    if (line === '') continue;
    const verdict = checkChange(line);
    if (!verdict.ok) return { ok: false, line: i + 1, message: verdict.message };
    changes.push(line);
  }
  if (changes.length > MAX_CHANGES) return { ok: false, line: lines.length, message: `at most ${MAX_CHANGES} changes` };
  return { ok: true, changes };
}
