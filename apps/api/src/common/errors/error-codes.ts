import { HttpStatus } from '@nestjs/common';

/**
 * Every coded error the API can answer with, and its HTTP status. The message of each code, in
 * every language the API speaks, is under `errors.<CODE>` in common/i18n/locales.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  MALFORMED_REQUEST: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  INVALID_CREDENTIALS: HttpStatus.UNAUTHORIZED,
  TOKEN_EXPIRED: HttpStatus.UNAUTHORIZED,
  TOKEN_INVALID: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  ADMIN_REQUIRED: HttpStatus.FORBIDDEN,
  PERMISSION_DENIED: HttpStatus.FORBIDDEN,
  LANGUAGE_NOT_ALLOWED: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  USER_NOT_FOUND: HttpStatus.NOT_FOUND,
  PROJECT_NOT_FOUND: HttpStatus.NOT_FOUND,
  MEMBER_NOT_FOUND: HttpStatus.NOT_FOUND,
  TOKEN_NOT_FOUND: HttpStatus.NOT_FOUND,
  EMAIL_TAKEN: HttpStatus.CONFLICT,
  SLUG_TAKEN: HttpStatus.CONFLICT,
  MEMBER_EXISTS: HttpStatus.CONFLICT,
  LAST_OWNER: HttpStatus.CONFLICT,
  LANGUAGE_NOT_IN_PROJECT: HttpStatus.BAD_REQUEST,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  DOCUMENT_NOT_FOUND: HttpStatus.NOT_FOUND,
  SEGMENT_NOT_FOUND: HttpStatus.NOT_FOUND,
  FOOTNOTE_NOT_FOUND: HttpStatus.NOT_FOUND,
  JOB_NOT_FOUND: HttpStatus.NOT_FOUND,
  JOB_INTERRUPTED: HttpStatus.SERVICE_UNAVAILABLE,
  INVALID_CONTENT: HttpStatus.BAD_REQUEST,
  UNKNOWN_FOOTNOTE: HttpStatus.BAD_REQUEST,
  SPLIT_OFFSET_INVALID: HttpStatus.BAD_REQUEST,
  NOTHING_TO_MERGE: HttpStatus.CONFLICT,
  MERGE_KIND_MISMATCH: HttpStatus.CONFLICT,
  STALE_REVISION: HttpStatus.CONFLICT,
  SOURCE_LANGUAGE_AS_TARGET: HttpStatus.BAD_REQUEST,
  EMPTY_FILE: HttpStatus.BAD_REQUEST,
  FILE_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  BINARY_FILE: HttpStatus.BAD_REQUEST,
  NOT_UTF8: HttpStatus.BAD_REQUEST,
  NO_CONTENT: HttpStatus.BAD_REQUEST,
  INVALID_EXPORT: HttpStatus.BAD_REQUEST,
  EDITION_NOT_EMPTY: HttpStatus.CONFLICT,
  IMPORT_NEEDS_SOURCE: HttpStatus.CONFLICT,
  IMPORT_STRUCTURE_MISMATCH: HttpStatus.CONFLICT,
  INTERNAL: HttpStatus.INTERNAL_SERVER_ERROR,
  SERVICE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
} as const satisfies Record<string, HttpStatus>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export function statusOf(code: ErrorCode): HttpStatus {
  return ERROR_STATUS[code];
}

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERROR_STATUS, code);
