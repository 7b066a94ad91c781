export type TransliterationErrorCode = 'UNKNOWN_SCHEME' | 'INVALID_CONVENTION';

/** A refusal with a code the API maps to its error catalogue; `details` name what was wrong. */
export class TransliterationError extends Error {
  constructor(
    readonly code: TransliterationErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'TransliterationError';
  }
}
