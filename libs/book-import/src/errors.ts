/** Why an import was refused. The API maps each code to an HTTP status and a message in the caller's language. */
export type BookImportErrorCode =
  | 'EMPTY_FILE'
  | 'FILE_TOO_LARGE'
  | 'BINARY_FILE'
  | 'NOT_UTF8'
  | 'NO_CONTENT'
  | 'INVALID_EXPORT'
  | 'NOT_DOCX'
  | 'INVALID_DOCX';

export class BookImportError extends Error {
  constructor(
    readonly code: BookImportErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'BookImportError';
  }
}
