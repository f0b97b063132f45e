/**
 * Characters a reader cannot see, or that change how the text around them reads: C0/C1 controls, bidi
 * overrides and zero-width marks ("exe.gnp" posing as "png.exe"). One list for every place that quotes
 * hostile text back to the user.
 */
const INVISIBLE_RANGES = '\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff';

/** Bidi overrides and zero-width marks, for replace(). */
export const INVISIBLE = new RegExp(`[${INVISIBLE_RANGES}]`, 'gu');
const ONE_INVISIBLE = new RegExp(`^[${INVISIBLE_RANGES}]$`, 'u');

/** True for a control character or an invisible one (one code point). */
export function isUnprintable(c: string): boolean {
  const code = c.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || ONE_INVISIBLE.test(c);
}

/** `\uXXXX`: how JSON, bash's $'…' and JavaScript all write the character. */
export function escapeCodePoint(c: string): string {
  return `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`;
}
