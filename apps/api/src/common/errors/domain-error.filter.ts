import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ErrorBody, UiLanguage } from '#libs/contracts';
import { JSON_BODY_LIMIT } from '../http/body-limits.js';
import { negotiateLanguage, translate } from '../i18n/i18n.js';
import { DomainError } from './domain-error.js';
import { type ErrorCode, statusOf } from './error-codes.js';
import { RequestValidationError, type Violation } from './validation-errors.js';

/**
 * The one place where errors become HTTP responses: `{ error: { code, message, fields? } }` with the
 * status of the code and the message in the caller's language (Accept-Language). Anything that is
 * not a DomainError is mapped to a code too, and internals (stack traces, SQL) never leave the server.
 */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const language = negotiateLanguage(request.headers['accept-language']);
    const error = this.toDomainError(exception, request);
    const status = statusOf(error.code);
    if (response.headersSent) return;
    if (error.code === 'TOO_MANY_ATTEMPTS') response.setHeader('Retry-After', String(error.params.seconds));
    response.status(status).json(renderError(error, language));
  }

  private toDomainError(exception: unknown, request: Request): DomainError {
    if (exception instanceof DomainError) return exception;
    const parserError = bodyParserError(exception);
    if (parserError) return parserError;
    const status = httpStatusOf(exception);
    if (status !== null && status < 500) return new DomainError(codeForStatus(status), paramsFor(status, exception));
    this.logger.error(
      `${request.method} ${request.originalUrl ?? request.url} failed: ${exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)}`,
    );
    return new DomainError(status === HttpStatus.SERVICE_UNAVAILABLE ? 'SERVICE_UNAVAILABLE' : 'INTERNAL', {
      reason: '',
    });
  }
}

export function renderError(error: DomainError, language: UiLanguage): ErrorBody {
  if (error instanceof RequestValidationError) {
    const fields = error.violations.map((v) => ({ field: v.field, message: wordViolation(v, language) }));
    const list = fields.map((f) => translate(language, 'validation.field', { field: f.field, message: f.message }));
    return {
      error: {
        code: error.code,
        message: translate(language, 'errors.VALIDATION_FAILED', { fields: list.join('; ') }),
        fields,
      },
    };
  }
  // A `context` param picks a variant of the message (`BINARY_FILE_offset`), as i18next does.
  const message = translate(language, `errors.${error.code}`, error.params);
  return { error: { code: error.code, message, ...(error.details !== undefined ? { details: error.details } : {}) } };
}

function wordViolation(v: Violation, language: UiLanguage): string {
  // The constraint's first argument (the 8 of @MinLength(8), the list of @IsIn) is {{n}} in messages.
  const first = v.args[0];
  const args: Record<string, string> = first === undefined ? {} : { n: Array.isArray(first) ? first.join(', ') : String(first) };
  const key = `validation.${v.constraint}`;
  const worded = translate(language, key, args);
  return worded === key ? translate(language, 'validation.invalid') : worded;
}

function httpStatusOf(exception: unknown): number | null {
  if (exception instanceof HttpException) return exception.getStatus();
  // Errors of Express' body parser carry their status (400 for bad JSON, 413 for too large).
  if (typeof exception === 'object' && exception !== null) {
    const e = exception as { status?: unknown; statusCode?: unknown };
    const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : null;
    if (status !== null && status >= 400 && status < 600) return status;
  }
  return null;
}

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case HttpStatus.UNAUTHORIZED:
      return 'UNAUTHENTICATED';
    case HttpStatus.FORBIDDEN:
      return 'FORBIDDEN';
    case HttpStatus.NOT_FOUND:
      return 'NOT_FOUND';
    case HttpStatus.PAYLOAD_TOO_LARGE:
      return 'PAYLOAD_TOO_LARGE';
    default:
      return 'MALFORMED_REQUEST';
  }
}

function paramsFor(status: number, exception: unknown): Record<string, string | number> {
  if (status === HttpStatus.PAYLOAD_TOO_LARGE) {
    const limit = (exception as { limit?: unknown }).limit;
    return { limit: typeof limit === 'number' ? limit : JSON_BODY_LIMIT };
  }
  return {};
}

/**
 * Errors of Express' body parser, by their `type`: the position of a JSON syntax error (a number,
 * worded in the caller's language; the parser's own English sentence is not passed on), the limit
 * of a body too large, an unsupported charset or content encoding.
 */
function bodyParserError(exception: unknown): DomainError | null {
  // Nest's Express adapter wraps them in an HttpException whose cause is the parser's error.
  const raw = exception instanceof HttpException && exception.cause !== undefined ? exception.cause : exception;
  if (typeof raw !== 'object' || raw === null) return null;
  const e = raw as { type?: unknown; message?: unknown; body?: unknown; limit?: unknown };
  switch (e.type) {
    case 'entity.parse.failed': {
      const at = /position (\d+)/.exec(typeof e.message === 'string' ? e.message : '');
      const position = at ? Number(at[1]) : typeof e.body === 'string' ? e.body.length : 0;
      return new DomainError('INVALID_JSON', { position });
    }
    case 'entity.too.large':
      return new DomainError('PAYLOAD_TOO_LARGE', { limit: typeof e.limit === 'number' ? e.limit : JSON_BODY_LIMIT });
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new DomainError('UNSUPPORTED_MEDIA_TYPE');
    default:
      return null;
  }
}
