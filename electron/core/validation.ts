import type { z } from 'zod';

/** "ref: an image reference has no spaces…; all: expected boolean" — short enough for a toast. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
