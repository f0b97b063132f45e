import type { TFunction } from 'i18next';

/**
 * The engine's own lines about a pull or push as a whole, in the user's language: they come in
 * English whatever the user reads, and these few are all a pull or push says outside its layers.
 * Anything else is shown as the engine wrote it.
 */
const LINES = [
  { pattern: /^Pulling from (.+)$/, key: 'pullingFrom' },
  { pattern: /^Digest: (.+)$/, key: 'digest' },
  { pattern: /^Status: Downloaded newer image for (.+)$/, key: 'downloadedNewer' },
  { pattern: /^Status: Image is up to date for (.+)$/, key: 'upToDate' },
  { pattern: /^The push refers to repository \[(.+)\]$/, key: 'pushRefersTo' },
  { pattern: /^(\S+): digest: (\S+) size: (\d+)$/, key: 'pushedDigest' },
] as const satisfies readonly { pattern: RegExp; key: string }[];

export function engineStatusText(t: TFunction, line: string): string {
  for (const { pattern, key } of LINES) {
    const m = pattern.exec(line);
    if (m) return t(`registries.engineLines.${key}`, { a: m[1] ?? '', b: m[2] ?? '', c: m[3] ?? '', interpolation: { escapeValue: false } });
  }
  return line;
}
