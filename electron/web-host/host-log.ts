/** Where the web host reports what it survived; stderr by default, captured in tests. */
export type HostLog = (what: string, err?: unknown) => void;

export const stderrLog: HostLog = (what, err) => {
  const detail = err instanceof Error ? err.message : typeof err === 'string' ? err : err === undefined ? '' : `(a ${typeof err})`;
  console.error(`Stevedore web host: ${what}${detail ? `: ${detail}` : ''}`);
};
