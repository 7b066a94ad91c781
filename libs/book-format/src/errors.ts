/** Codes of the refusals of this library; the API maps each to its own coded error. */
export type BookFormatErrorCode =
  | 'LANGUAGE_REQUIRED'
  | 'LANGUAGE_NOT_IN_EDITION'
  | 'LANGUAGES_REPEATED'
  | 'EDITION_INCOMPLETE'
  | 'LAYOUT_NEEDS_TWO_LANGUAGES'
  | 'XML_TOO_LARGE'
  | 'XML_MALFORMED'
  | 'XML_FORBIDDEN'
  | 'XLIFF_INVALID'
  | 'TMX_INVALID'
  | 'TYPESET_FAILED';

export class BookFormatError extends Error {
  constructor(
    readonly code: BookFormatErrorCode,
    message: string,
    readonly params: Record<string, string | number> = {},
    /** Structured detail (the missing texts of an incomplete edition, the problems of a file). */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'BookFormatError';
  }
}
