/** Where the web host reports what it survived; stderr by default, captured in tests. */
export type HostLog = (what: string, err?: unknown) => void;

/** A client can make the host log on purpose; past this many lines a minute the rest are counted, not written. */
const LINES_PER_MINUTE = 30;
let windowStart = 0;
let written = 0;
let dropped = 0;

export const stderrLog: HostLog = (what, err) => {
  const now = Date.now();
  if (now - windowStart > 60_000) {
    if (dropped > 0) console.error(`Stevedore web host: ${dropped} more messages in the last minute were not written`);
    windowStart = now;
    written = 0;
    dropped = 0;
  }
  if (++written > LINES_PER_MINUTE) {
    dropped++;
    return;
  }
  const detail = err instanceof Error ? err.message : typeof err === 'string' ? err : err === undefined ? '' : `(a ${typeof err})`;
  console.error(`Stevedore web host: ${what}${detail ? `: ${detail}` : ''}`);
};
