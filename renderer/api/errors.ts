import type { StevedoreError } from '../../shared/errors';
import { isStevedoreError } from '../../shared/errors';
import { ApiError } from './client';

/** Whatever was thrown, as the `{code, message, hint?, detail?}` the UI knows how to explain. */
export function toStevedoreError(err: unknown): StevedoreError {
  if (err instanceof ApiError) return err.error;
  if (isStevedoreError(err)) return err;
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}
