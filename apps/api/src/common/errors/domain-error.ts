import type { FieldError } from '#libs/contracts';
import type { ErrorCode } from './error-codes.js';

/**
 * An error a service throws on purpose. It carries a code (mapped to an HTTP status and a message
 * in the caller's language by DomainErrorFilter) and the values its message interpolates.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly fields?: FieldError[],
    /** Data for the caller, rendered as `error.details` (the current text of a stale approval). */
    readonly details?: unknown,
  ) {
    super(`${code}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`);
    this.name = 'DomainError';
  }
}
