import type { z } from 'zod';
import { quoteValue } from '../../shared/engine-names';

/** At most this many problems are listed: a hostile call with a million bad items gets a short answer. */
const MAX_ISSUES = 5;
const MAX_MESSAGE = 300;

/** "ref: an image reference has no spaces…; all: expected boolean" — short enough for a toast. */
export function describeZodError(error: z.ZodError): string {
  const shown = error.issues.slice(0, MAX_ISSUES).map((issue) => {
    const path = issue.path
      .slice(0, 8)
      .map((p) => (typeof p === 'symbol' ? '?' : String(p).slice(0, 40)))
      .join('.');
    // zod lists every unknown key in one message; a call with 100,000 of them must not echo them all.
    const message = issue.message.length > MAX_MESSAGE ? `${issue.message.slice(0, MAX_MESSAGE)}…` : issue.message;
    return path ? `${path}: ${message}` : message;
  });
  const more = error.issues.length - shown.length;
  return more > 0 ? `${shown.join('; ')}; and ${more} more` : shown.join('; ');
}

/**
 * Names a value a caller sent without calling anything on it: String() runs a hostile toString, and
 * on a deeply nested array it recurses until the stack overflows.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return quoteValue(value);
  if (value === null) return '(null)';
  if (value === undefined) return '(none given)';
  if (Array.isArray(value)) return '(an array)';
  return typeof value === 'object' ? '(an object)' : `(a ${typeof value})`;
}
