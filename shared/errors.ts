/** Every failure crosses the boundary as data, never as a thrown class instance. */
export const ERROR_CODES = [
  'ENGINE_UNREACHABLE',
  'PERMISSION_DENIED',
  'NOT_FOUND',
  'CONFLICT',
  /** The same work is already running (a prune, a disk-usage report), or a client sent too much at once. */
  'BUSY',
  'AUTH',
  /** A registry could not be reached (refused, no such host, reset). */
  'NETWORK',
  /** A registry or the engine stopped answering within the time allowed. */
  'TIMEOUT',
  'INVALID_ARGUMENT',
  'CANCELLED',
  'IO',
  'ENGINE_ERROR',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface StevedoreError {
  code: ErrorCode;
  /** Plain-language English message; the renderer translates by code and keeps this as a fallback. */
  message: string;
  /** What the user can do about it. */
  hint?: string;
  /** The engine's (or library's) own words, kept verbatim for the curious and for bug reports. */
  detail?: string;
  /**
   * The message as a catalog key (`problems.<key>`, hint `problems.<key>_hint`) with its values, for
   * messages precise enough that a translation by code alone would lose what went wrong.
   */
  i18n?: { key: string; values: Record<string, string> };
}

export function isStevedoreError(value: unknown): value is StevedoreError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && (ERROR_CODES as readonly string[]).includes(v.code) && typeof v.message === 'string';
}

/** Thrown inside the backend; converted to a plain StevedoreError at the transport. */
export class BackendError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint?: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'BackendError';
  }

  private i18n?: StevedoreError['i18n'];

  /** Says which catalog message translates this one (see StevedoreError.i18n). */
  translatedAs(key: string, values: Record<string, string> = {}): this {
    this.i18n = { key, values };
    return this;
  }

  toData(): StevedoreError {
    const data: StevedoreError = { code: this.code, message: this.message };
    if (this.hint !== undefined) data.hint = this.hint;
    if (this.detail !== undefined) data.detail = this.detail;
    if (this.i18n !== undefined) data.i18n = this.i18n;
    return data;
  }
}
