/** Full-width punctuation already carries its own spacing; a space after it shows as a gap. */
const FULL_WIDTH_END = /[\u3000-\u303f\uff01-\uff0f\uff1a-\uff1f\uff08-\uff09\uff3b-\uff3d\uff5b-\uff5d]$/;

/**
 * Text that introduces what follows it (a value, a code span, the next sentence): followed by a space
 * in English, and by nothing after Chinese 「：」 or 「。」.
 */
export function lead(text: string): string {
  return FULL_WIDTH_END.test(text) ? text : `${text} `;
}

/** Sentences run together as each language writes them; null ones are left out. */
export function joinSentences(sentences: readonly (string | null)[]): string {
  const present = sentences.filter((s): s is string => s !== null && s !== '');
  return present.map((s, i) => (i < present.length - 1 ? lead(s) : s)).join('');
}

/** A list of names inside a sentence: "a, b" in English, 「a、b」 in Chinese. */
export function listOf(items: readonly string[], language: string): string {
  return items.join(language.startsWith('zh') ? '、' : ', ');
}
